// `npm run web`: the real core behind the loopback web API, for a browser or Playwright.
//   node dist/electron/webapi/cli.js [--port N] [--static DIR] [--home DIR]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core.js';
import { APP_CORE_OPTIONS } from '../core/core-options.js';
import { defaultHome } from '../inventory/paths.js';
import { createPromptRelay } from './prompt-relay.js';
import { startWebApi } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    static: { type: 'string', default: path.join('dist', 'renderer') },
    home: { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: not a port number: ${values.port}`);
  process.exit(2);
}

const home = values.home ? path.resolve(values.home) : defaultHome();
const relay = createPromptRelay();
// As in the app: 1 Hz stats ticks (the table's CPU column, the details graphs), reconcile, alerts.
const core = await createCore({ home, prompts: relay.prompts, ...APP_CORE_OPTIONS });
const webapi = await startWebApi({ core, relay, port, staticDir: values.static, stagingRoot: path.join(home, 'transfer') });
// The token is the only credential: print it once, for the user to open.
console.log(`VirtDeck web API: ${webapi.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await webapi.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

// One VirtDeck process of the IPAM race (ipam-shared.test.ts bundles this and runs two): its own home, the test-bed
// host added, then — when the line "go" arrives on stdin — COUNT concurrent `ipam.reserve … auto`. Prints one JSON
// line: the addresses it got and the error codes of the calls that failed.
import { createCore } from '../../../electron/core/core.js';
import type { HostConfig } from '../../../shared/model/host.js';

interface Args {
  home: string;
  host: HostConfig;
  network: string;
  count: number;
  tag: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const core = await createCore({ home: args.home, autoConnect: true, watch: false });
await core.call('hosts.add', { config: args.host });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const results = await Promise.all(
  Array.from({ length: args.count }, (_, i) =>
    core.call('ipam.reserve', { host: args.host.name, network: args.network, ip: 'auto', note: `${args.tag} #${i}` }).then(
      (ip) => ({ ip }),
      (err: unknown) => ({ error: (err as { code?: string }).code ?? String(err) }),
    ),
  ),
);
process.stdout.write(`${JSON.stringify({ ips: results.flatMap((r) => ('ip' in r ? [r.ip] : [])), errors: results.flatMap((r) => ('error' in r ? [r.error] : [])) })}\n`);
await core.close();
process.exit(0);

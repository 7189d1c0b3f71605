// The renderer's one door to the core: window.api inside Electron, the loopback web API in a browser
// (the page was opened as http://127.0.0.1:<port>/#token=<token>; see session-token.ts).
import type { PreloadApi } from '../../shared/ipc/front-end.js';
import { webApiClient } from './webapi-client.js';
import type { ClientApi } from './client.js';
import { electronClient } from './electron-client.js';
import { takeSessionToken } from './session-token.js';

export { ApiError, type ClientApi } from './client.js';
export { FlowChannel } from './console-channel.js';

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

let client: ClientApi | null = null;

export function getApi(): ClientApi {
  if (client) return client;
  if (window.api) {
    client = electronClient(window.api);
  } else {
    client = webApiClient({ origin: window.location.origin, token: takeSessionToken(window.location, window.sessionStorage, window.history) });
  }
  return client;
}

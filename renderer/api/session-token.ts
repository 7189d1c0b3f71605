// The loopback web API's session token in a browser tab. `npm run web` prints http://127.0.0.1:<port>/#token=<t>: a
// fragment never goes to any server. On first load the token moves from the address bar into this tab's
// sessionStorage (scoped to this origin, port included, so to this web API server), and a reload finds it there.

const KEY = 'virtdeck.token';

export function takeSessionToken(location: Location, storage: Storage, history: History): string | null {
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromAddress) {
    storage.setItem(KEY, fromAddress);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromAddress;
  }
  return storage.getItem(KEY);
}

// A console's own window: the address of a console tab and back, and which addresses Electron's main process lets
// the app's page open as a window (only the app's own page showing one console).
import { describe, expect, it } from 'vitest';
import { consoleRouteOf, consoleUrl } from '../../../renderer/app/console-route.js';
import { isConsoleWindowUrl } from '../../../electron/main/console-window-url.js';

const uuid = '8c1d3c4e-0f1a-4b7e-9d36-6b0a3e7f1c2d';

describe('console route', () => {
  it('a tab goes to an address and comes back the same tab', () => {
    const vnc = { id: `vnc:h1/${uuid}`, kind: 'vnc' as const, vmKey: `h1/${uuid}` };
    const url = consoleUrl(vnc, { origin: 'http://127.0.0.1:4000', pathname: '/' });
    expect(url).toBe(`http://127.0.0.1:4000/?console=vnc&vm=h1%2F${uuid}`);
    expect(consoleRouteOf(new URL(url).search)).toEqual(vnc);
    const ssh = { id: `ssh:kvm-2/${uuid}`, kind: 'ssh' as const, vmKey: `kvm-2/${uuid}`, user: 'ops & co', ip: '2001:db8::1' };
    expect(consoleRouteOf(new URL(consoleUrl(ssh, { origin: 'virtdeck://app', pathname: '/index.html' })).search)).toEqual(ssh);
  });

  it('anything else is the workbench', () => {
    for (const q of ['', '?console=vm&vm=h1/x', '?console=vnc', `?console=vnc&vm=${uuid}`, '?console=vnc&vm=a/b/c', '?console=%E0&vm=h1/x']) {
      expect(consoleRouteOf(q), q).toBeNull();
    }
  });

  it('Electron opens only the app page for one console as a new window', () => {
    const dev = { devServerOrigin: 'http://127.0.0.1:5173' };
    expect(isConsoleWindowUrl(`virtdeck://app/index.html?console=serial&vm=h1/${uuid}`, {})).toBe(true);
    expect(isConsoleWindowUrl(`http://127.0.0.1:5173/?console=vnc&vm=h1/${uuid}`, dev)).toBe(true);
    for (const url of [
      `http://127.0.0.1:5173/?console=vnc&vm=h1/${uuid}`,
      'virtdeck://app/index.html',
      `virtdeck://app/other.html?console=vnc&vm=h1/${uuid}`,
      `virtdeck://evil/index.html?console=vnc&vm=h1/${uuid}`,
      `https://example.org/?console=vnc&vm=h1/${uuid}`,
      `virtdeck://app/index.html?console=vnc&vm=h1/${uuid}#token=x`,
      'not a url',
    ]) {
      expect(isConsoleWindowUrl(url, {}), url).toBe(false);
    }
  });
});

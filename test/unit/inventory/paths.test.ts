import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultHome, inventoryPath } from '../../../electron/inventory/index.js';

test('VIRTDECK_HOME wins on every platform', () => {
  const other = { APPDATA: 'C:\\x', XDG_CONFIG_HOME: '/x' };
  expect(defaultHome({ env: { ...other, VIRTDECK_HOME: '/srv/vd' }, platform: 'linux', home: '/h' })).toBe('/srv/vd');
  expect(defaultHome({ env: { ...other, VIRTDECK_HOME: '/srv/vd/' }, platform: 'darwin', home: '/h' })).toBe('/srv/vd');
  expect(defaultHome({ env: { ...other, VIRTDECK_HOME: 'D:\\vd' }, platform: 'win32', home: 'C:\\h' })).toBe('D:\\vd');
});

test('Linux: XDG_CONFIG_HOME when absolute, else ~/.config', () => {
  expect(defaultHome({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', home: '/home/u' })).toBe('/cfg/virtdeck');
  expect(defaultHome({ env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', home: '/home/u' })).toBe('/home/u/.config/virtdeck');
  expect(defaultHome({ env: {}, platform: 'freebsd', home: '/home/u' })).toBe('/home/u/.config/virtdeck');
  expect(defaultHome({ env: { VIRTDECK_HOME: '' }, platform: 'linux', home: '/home/u' })).toBe('/home/u/.config/virtdeck');
});

test('macOS and Windows app-data directories', () => {
  expect(defaultHome({ env: {}, platform: 'darwin', home: '/Users/u' })).toBe('/Users/u/Library/Application Support/VirtDeck');
  expect(defaultHome({ env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\u' }))
    .toBe('C:\\Users\\u\\AppData\\Roaming\\VirtDeck');
  expect(defaultHome({ env: {}, platform: 'win32', home: 'C:\\Users\\u' })).toBe('C:\\Users\\u\\AppData\\Roaming\\VirtDeck');
});

test('defaults come from the process, and the inventory file lives in the home', () => {
  const saved = process.env.VIRTDECK_HOME;
  process.env.VIRTDECK_HOME = '/tmp/vd-home';
  try {
    expect(defaultHome()).toBe('/tmp/vd-home');
  } finally {
    if (saved === undefined) delete process.env.VIRTDECK_HOME;
    else process.env.VIRTDECK_HOME = saved;
  }
  expect(inventoryPath('/tmp/vd-home')).toBe(join('/tmp/vd-home', 'inventory.sqlite'));
});

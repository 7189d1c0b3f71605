import { describe, expect, it } from 'vitest';
import { withoutGraphicsPasswords } from '../../../electron/core/vms/public-xml.js';

const DOMAIN = (graphics: string) => `<domain type="qemu"><name>a</name><metadata><x:keep xmlns:x="urn:x">passwd</x:keep></metadata><devices>${graphics}</devices></domain>`;

describe('domain XML for front ends', () => {
  it('drops every graphics passwd and keeps the rest', () => {
    const out = withoutGraphicsPasswords(
      DOMAIN('<graphics type="vnc" port="5900" passwd="one" passwdValidTo="2030-01-01T00:00:00"/><graphics type="spice" passwd="two"/>'),
    );
    expect(out).not.toContain('one');
    expect(out).not.toContain('"two"');
    expect(out).toContain('type="vnc" port="5900"');
    expect(out).toContain('<graphics type="spice"/>');
    expect(out).toContain('<x:keep xmlns:x="urn:x">passwd</x:keep>');
  });

  it('returns XML without passwords unchanged', () => {
    const xml = DOMAIN('<graphics type="vnc" port="5900"/>');
    expect(withoutGraphicsPasswords(xml)).toBe(xml);
  });
});

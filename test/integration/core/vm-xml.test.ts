// vms.xml on a real host: VNC and SPICE passwords never reach a front end, the rest of the XML does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('domain XML shown to front ends', () => {
  const home = tempHome();
  const name = uniq('xml-secret');
  let core: Core;

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    defineTinyDomain(tb, 2, name, `<graphics type='vnc' autoport='yes' passwd='vncs3cr'/>
    <graphics type='spice' autoport='yes' passwd='spices3cret'/>`);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, 2, kh) });
  });

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, 2, name);
  });

  it('has the graphics devices but not their passwords (which the host does hold)', async () => {
    expect(tb.virsh(2, 'dumpxml', '--security-info', name)).toContain("passwd='vncs3cr'");
    for (const inactive of [false, true]) {
      const xml = await core.call('vms.xml', { ref: { host: 'h2', vm: name }, inactive });
      expect(xml).toContain("<graphics type='vnc'");
      expect(xml).toContain("<graphics type='spice'");
      expect(xml).not.toMatch(/passwd|s3cr/);
    }
  });
});

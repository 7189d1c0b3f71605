// Virtual networks through the core and the CLI on test-bed host 1: NAT and isolated networks defined, started,
// stopped, deleted; an overlapping range is refused with nothing defined (checked with virsh).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { hostAddArgs, knownHostsCopy, runCli, sshHostConfig, tempHome, uniq } from '../core/helpers.js';

const tb = testbed();
const H = 'h1';
const nets = (): string[] => tb.virsh(1, 'net-list', '--all', '--name').split('\n').map((s) => s.trim());
const purge = (name: string): void => {
  for (const cmd of ['net-destroy', 'net-undefine']) {
    try {
      execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[0]?.socket}`, cmd, name], { stdio: 'ignore' });
    } catch {
      /* not running / gone */
    }
  }
};
// A /24 in 10.200.0.0/16 that no network of h1 uses yet.
const octet = 100 + Math.floor(Math.random() * 100);

describe.skipIf(!tb.available)('virtual networks on a real host', () => {
  const home = tempHome('vd-net-');
  let core: Core;
  const nat = uniq('vdnet-nat');
  const iso = uniq('vdnet-iso');
  const clash = uniq('vdnet-clash');
  const cliNet = uniq('vdnet-cli');

  beforeAll(async () => {
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, 1, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    [nat, iso, clash, cliNet].forEach(purge);
    await core?.close();
  });

  it('NAT with a DHCP range and a static host, and isolated without DHCP: define, start, overlap refused, stop, delete', async () => {
    const n = await core.networks.define(
      H,
      {
        name: nat,
        mode: 'nat',
        cidr: `10.200.${octet}.1/24`,
        dhcpRange: { start: `10.200.${octet}.100`, end: `10.200.${octet}.199` },
        dhcpHosts: [{ mac: '52:54:00:0a:0b:0c', ip: `10.200.${octet}.10`, name: 'fixed' }],
        autostart: true,
      },
      { start: true },
    );
    expect(n).toMatchObject({ mode: 'nat', active: true, autostart: true, addresses: [`10.200.${octet}.1/24`] });
    const xml = tb.virsh(1, 'net-dumpxml', nat);
    expect(xml).toContain(`<range start='10.200.${octet}.100' end='10.200.${octet}.199'/>`);
    expect(xml).toContain(`<host mac='52:54:00:0a:0b:0c' name='fixed' ip='10.200.${octet}.10'/>`);
    expect(tb.virsh(1, 'net-info', nat)).toMatch(/Active:\s+yes[\s\S]*Autostart:\s+yes/);

    const i = await core.networks.define(H, { name: iso, mode: 'isolated', cidr: `10.201.${octet}.1/24`, dhcpRange: null }, { start: true });
    expect(i).toMatchObject({ mode: 'isolated', active: true, dhcpRanges: [] });
    expect(tb.virsh(1, 'net-dumpxml', iso)).not.toMatch(/<forward|<dhcp/);

    // Overlap with a running network of the same host: clear error, nothing defined.
    await expect(core.networks.define(H, { name: clash, mode: 'nat', cidr: `10.200.${octet}.129/25` })).rejects.toThrow(
      coreError('network.overlap', { subnet: `10.200.${octet}.128/25`, other: nat, otherSubnet: `10.200.${octet}.0/24` }),
    );
    await expect(core.networks.define(H, { name: clash, mode: 'nat', cidr: '192.168.122.77/16' })).rejects.toThrow(
      coreError('network.overlap', { subnet: '192.168.0.0/16', other: 'default', otherSubnet: '192.168.122.0/24' }),
    );
    expect(nets()).not.toContain(clash);

    expect((await core.networks.list(H)).map((x) => x.name)).toEqual(expect.arrayContaining([nat, iso, 'default']));
    expect(await core.networks.leases(H, nat)).toEqual([]);

    expect((await core.networks.stop(H, nat)).active).toBe(false);
    await expect(core.networks.stop(H, nat)).rejects.toThrow(coreError('network.not-running', { host: H, network: nat }));
    expect(tb.virsh(1, 'net-info', nat)).toMatch(/Active:\s+no/);
    await core.networks.delete(H, nat);
    await core.networks.delete(H, iso);
    expect(nets()).not.toContain(nat);
    expect(nets()).not.toContain(iso);
  });

  it('CLI: net define/list/stop/delete, and one clear error line on an overlap', async () => {
    const cliHome = tempHome('vd-net-cli-');
    const add = await runCli(cliHome, hostAddArgs(tb, 1, knownHostsCopy(tb, cliHome), H));
    expect(add.code, add.stderr).toBe(0);
    const cidr = `10.202.${octet}.1/24`;
    const def = await runCli(cliHome, ['net', 'define', H, cliNet, '--mode', 'route', '--cidr', cidr, '--dhcp-range', `10.202.${octet}.50-10.202.${octet}.60`, '--start']);
    expect(def).toMatchObject({ code: 0 });
    expect(def.stderr).toContain(`defined network ${H}/${cliNet} (route ${cidr}, active)`);
    const list = await runCli(cliHome, ['net', 'list', '--host', H, '--json']);
    const row = (JSON.parse(list.stdout) as Array<{ name: string; mode: string; active: boolean }>).find((x) => x.name === cliNet);
    expect(row).toMatchObject({ mode: 'route', active: true });
    const bad = await runCli(cliHome, ['net', 'define', H, clash, '--mode', 'nat', '--cidr', `10.202.${octet}.200/28`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`virtdeck: 10.202.${octet}.192/28 overlaps 10.202.${octet}.0/24 of network "${cliNet}" on this host; choose another range\n`);
    const badRange = await runCli(cliHome, ['net', 'define', H, clash, '--mode', 'nat', '--cidr', '10.203.1.1/24', '--dhcp-range', '10.203.2.1-10.203.2.9']);
    expect(badRange.stderr).toBe('virtdeck: DHCP range 10.203.2.1-10.203.2.9 is not inside 10.203.1.0/24\n');
    const usage = await runCli(cliHome, ['net', 'define', H, clash, '--mode', 'nat', '--cidr']);
    expect(usage).toMatchObject({ code: 2, stderr: 'virtdeck: option --cidr needs a value (CIDR) (see virtdeck net define --help)\n' });
    expect(nets()).not.toContain(clash);
    expect((await runCli(cliHome, ['net', 'stop', `${H}/${cliNet}`])).code).toBe(0);
    expect((await runCli(cliHome, ['net', 'delete', `${H}/${cliNet}`])).code).toBe(0);
    expect(nets()).not.toContain(cliNet);
  });
});

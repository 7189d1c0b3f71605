// `virtdeck vm nic add|set`, `vm boot`, `vm devices`, `vm cdrom eject --boot-disk` and `vm create` usage mistakes are refused before anything opens: one
// line, exit 2; the help pages name the new flags.
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main.js';
import type { Out } from '../../../electron/cli/output.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const got = { stdout: '', stderr: '' };
  const out: Out = { stdout: (t) => void (got.stdout += t), stderr: (t) => void (got.stderr += t), stderrColumns: () => null };
  return { code: await main(argv, out), ...got };
}

const MAC = '52:54:00:00:00:01';

describe('vm hardware usage', () => {
  it.each([
    [['vm', 'nic', 'add', 'h1/web'], 'virtdeck: give --network NET or --bridge BR (one of them)\n'],
    [['vm', 'nic', 'add', 'h1/web', '--network', 'lab', '--bridge', 'br0'], 'virtdeck: give --network NET or --bridge BR (one of them)\n'],
    [['vm', 'nic', 'add', 'h1/web', '--bridge', 'br0', '--ip', 'auto'], 'virtdeck: --ip takes an address of a network with IPAM; a bridge has none\n'],
    [['vm', 'nic', 'set', 'h1/web', MAC], 'virtdeck: give --network NET or --bridge BR (one of them)\n'],
    [['vm', 'boot', 'h1/web'], 'virtdeck: give --order or --devices, and/or --menu\n'],
    [['vm', 'boot', 'h1/web', '--order', 'hd', '--devices', 'vda'], 'virtdeck: give --order or --devices, not both\n'],
    [['vm', 'devices', 'h1/web'], 'virtdeck: give at least one of --graphics, --serial, --agent, --clipboard\n'],
    [['vm', 'cdrom', 'eject', 'h1/web', '--boot-disk', '--config'], 'virtdeck: --boot-disk changes the running VM and its definition: drop --live/--config\n'],
    [['vm', 'create', 'h1', 'web', '--cdrom', 'default/d.iso', '--sha256', 'ab'], 'virtdeck: --sha256 checks a download: it goes with --cdrom URL\n'],
    [['vm', 'create', 'h1', 'web', '--no-media', '--convert', 'qcow2'], 'virtdeck: --convert goes with --import\n'],
  ])('%j', async (argv, stderr) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it.each([
    [['vm', 'devices', '--help'], ['--graphics vnc|none', '--serial on|off', '--agent on|off', '--clipboard on|off', '--live', '--config']],
    [['vm', 'nic', 'set', '--help'], ['--network NET', '--bridge BR']],
    [['vm', 'boot', '--help'], ['--order', '--devices ID,…', '--menu']],
    [['vm', 'cdrom', 'eject', '--help'], ['--boot-disk', 'virtdeck vm cdrom eject HOST/VM --boot-disk']],
    [['vm', 'create', '--help'], ['--cdrom POOL/VOL|URL', '--sha256 HEX', '--convert FORMAT']],
  ])('%j lists its flags', async (argv, flags) => {
    const r = await run(...argv);
    expect(r.code).toBe(0);
    for (const flag of flags) expect(r.stdout).toContain(flag);
  });

  it('vm --help lists devices and nic set', async () => {
    expect((await run('vm', '--help')).stdout).toMatch(/^ {2}devices +graphics \(VNC\), serial console, guest agent and clipboard channels/m);
    expect((await run('vm', 'nic', '--help')).stdout).toMatch(/^ {2}set +plug a network interface into another network or host bridge/m);
  });
});

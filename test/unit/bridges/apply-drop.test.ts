// A bridge change whose SSH connection drops while it is applied. The host side is the undo (the detached runner
// rolls the change back unless VirtDeck confirms it; tested for real in test/integration/bridges), so VirtDeck's part
// is to read the outcome again over the host's next connection: applied (confirmable as usual), never started
// (nothing changed), or not readable before the deadline (the host has rolled it back). The host here is a fake
// that answers the service's fixed scripts and drops the link where a test says.
import { describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { BridgeService } from '../../../electron/core/bridges/bridge-service.js';
import { DETECT_SCRIPT } from '../../../electron/core/bridges/host-network.js';
import { CoreError } from '../../../electron/core/errors.js';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import type { ExecResult } from '../../../electron/ssh/connection.js';
import { SshOfflineError } from '../../../electron/ssh/errors.js';

const ADDR = JSON.stringify([
  { ifname: 'lo', link_type: 'loopback', operstate: 'UNKNOWN', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] },
  { ifname: 'eth0', link_type: 'ether', operstate: 'UP', addr_info: [{ family: 'inet', local: '192.168.1.5', prefixlen: 24 }] },
  { ifname: 'eth1', link_type: 'ether', operstate: 'UP', linkinfo: { info_kind: 'veth' }, addr_info: [{ family: 'inet', local: '10.0.0.3', prefixlen: 24 }] },
]);
const ENI = 'auto lo\niface lo inet loopback\n\nauto eth1\niface eth1 inet static\n    address 10.0.0.3/24\n';

/** What happens to the exec that unpacks and starts the change. */
type StartFate = 'ok' | 'runner started, reply lost' | 'cut before the runner started';

class FakeBridgeHost {
  online = true;
  reconnects = 0;
  /** The host's txn directory: absent until unpacked; deadline written by the runner when it starts. */
  txn: { state: string; deadline: string } | null = null;
  dropOnFirstRead = false;
  comesBack = true;

  constructor(private readonly fate: StartFate) {}

  private drop(): never {
    this.online = false;
    throw new SshOfflineError('root@h1:22', 'disconnected');
  }

  private exec(argv: readonly string[]): ExecResult {
    if (!this.online) throw new SshOfflineError('root@h1:22', 'reconnecting');
    const out = (stdout: string, code = 0): ExecResult => ({ stdout: Buffer.from(stdout), stderr: Buffer.alloc(0), code, signal: null });
    const script = argv[2] ?? '';
    if (script === DETECT_SCRIPT) return out(`@@stack\nifupdown\n@@ssh\n192.168.1.9 50000 192.168.1.5 22\n@@addr\n${ADDR}\n`);
    if (argv[0] === 'cat') return out(ENI);
    if (script.includes('setsid')) {
      if (this.fate === 'cut before the runner started') {
        this.txn = { state: 'applying', deadline: '' }; // tar got its input, the runner never ran
        this.drop();
      }
      this.txn = { state: 'applied', deadline: String(Math.floor(Date.now() / 1000) + 5) };
      if (this.fate === 'runner started, reply lost') this.drop();
      return out('');
    }
    if (script.includes('cat state meta deadline')) {
      if (this.dropOnFirstRead) {
        this.dropOnFirstRead = false;
        this.drop();
      }
      return this.txn ? out(`${this.txn.state}\ncreate\nbr0\neth1\n${this.txn.deadline}\n@@log\n`) : out('', 3);
    }
    throw new Error(`unexpected command ${argv.join(' ')}`);
  }

  readonly registry = {
    get: () => ({
      config: { name: 'h1', transport: 'ssh' },
      libvirt: () => {
        if (!this.online) throw new CoreError('host.offline', { host: 'h1', since: new Date(0).toISOString() });
        return {};
      },
      transport: { exec: async (argv: readonly string[]) => this.exec(argv) },
      retryNow: () => {
        this.reconnects++;
        if (this.comesBack) setTimeout(() => (this.online = true), 20);
      },
    }),
  } as unknown as HostRegistry;
}

const create = (host: FakeBridgeHost) => new BridgeService(host.registry, { list: async () => [] }).create('h1', { nic: 'eth1', name: 'br0', rollbackSeconds: 5 });

describe('bridge change over a dropped connection', () => {
  it('the runner started but the reply was lost: the outcome is read over the next connection (applied, to confirm)', async () => {
    const host = new FakeBridgeHost('runner started, reply lost');
    await expect(create(host)).resolves.toMatchObject({ state: 'applied', bridge: 'br0', nic: 'eth1', action: 'create' });
    expect(host.reconnects).toBe(1);
  });

  it('the exec was cut before the runner started: said so, nothing changed', async () => {
    const host = new FakeBridgeHost('cut before the runner started');
    await expect(create(host)).rejects.toThrow(coreError('bridge.start-dropped', { host: 'h1' }));
  });

  it('the link drops while waiting for the outcome and the host stays away: the host rolls it back by itself', async () => {
    const host = new FakeBridgeHost('ok');
    host.dropOnFirstRead = true;
    host.comesBack = false;
    await expect(create(host)).rejects.toMatchObject({
      code: 'bridge.apply-lost',
      params: { host: 'h1', id: expect.stringMatching(/^[a-z0-9]+-[a-f0-9]{6}$/), rollbackAt: expect.stringMatching(/^\d{4}-/) },
    });
  }, 60_000);
});

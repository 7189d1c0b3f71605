// Host bridges on real NICs with a safe apply: the new configuration is installed by a detached process on the
// host that rolls it back by itself unless VirtDeck reconnects and confirms in time (like `netplan try`).
// Remote commands are fixed scripts with positional arguments or plain argv; names are checked first.
import { randomBytes } from 'node:crypto';
import type { BridgeCreateSpec, BridgeInfo, BridgeTxn, BridgeTxnState, HostNetworkInfo } from '../../../shared/model/bridge.js';
import { BRIDGE_TXN_STATES } from '../../../shared/model/bridge.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { NetworkService } from '../networks/network-service.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { isLinkFailure } from '../tasks/undo-journal.js';
import { DETECT_SCRIPT, parseHostNetwork } from './host-network.js';
import { eniAddBridge, eniRemoveBridge } from './ifupdown.js';
import { tarFiles } from './tar.js';
import { TXN_SCRIPT } from './txn-script.js';

const IFNAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,14}$/;
const TXN_ID_RE = /^[a-z0-9]{6,16}-[a-f0-9]{6}$/;
const TXN_ROOT = '/run/virtdeck/bridge-txn';
const ENI = '/etc/network/interfaces';
const DEFAULT_ROLLBACK_S = 60;
const MIN_ROLLBACK_S = 5;
const MAX_ROLLBACK_S = 3600;

type Argv = readonly string[];

interface TxnPlan {
  action: BridgeTxn['action'];
  bridge: string;
  nic: string;
  files: Array<{ target: string; content: string }>;
  applyDown: Argv[];
  applyUp: Argv[];
  undoDown: Argv[];
  undoUp: Argv[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function checkIfName(name: string): void {
  if (!IFNAME_RE.test(name)) throw new CoreError('iface.bad-name', { name });
}

function rollbackSeconds(s: number | undefined): number {
  const v = s ?? DEFAULT_ROLLBACK_S;
  if (!Number.isInteger(v) || v < MIN_ROLLBACK_S || v > MAX_ROLLBACK_S) {
    throw new CoreError('bridge.rollback-range', { value: v, min: MIN_ROLLBACK_S, max: MAX_ROLLBACK_S });
  }
  return v;
}

export class BridgeService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly networks: Pick<NetworkService, 'list'>,
  ) {}

  async detect(host: string): Promise<HostNetworkInfo> {
    return parseHostNetwork(host, await hostRun(this.session(host), 'bridge.detect-failed', ['sh', '-c', DETECT_SCRIPT]));
  }

  async list(host: string): Promise<BridgeInfo[]> {
    const [net, owners] = await Promise.all([this.detect(host), this.networkBridges(host)]);
    return net.nics.filter((n) => n.kind === 'bridge').map((b) => ({
      host,
      name: b.name,
      ports: net.nics.filter((n) => n.master === b.name).map((n) => n.name),
      addresses: b.addresses,
      state: b.state,
      network: owners.get(b.name) ?? null,
    }));
  }

  /** Bridges libvirt made for its networks → the network (a bridge-mode network only uses a host bridge). */
  private async networkBridges(host: string): Promise<Map<string, string>> {
    const nets = await this.networks.list(host);
    return new Map(nets.filter((n) => n.mode !== 'bridge' && n.bridge).map((n) => [n.bridge as string, n.name]));
  }

  /** Validates, applies with the rollback timer running and returns once applied; then call confirm(). */
  async create(host: string, spec: BridgeCreateSpec): Promise<BridgeTxn> {
    checkIfName(spec.nic);
    if (spec.vlan !== undefined && (!Number.isInteger(spec.vlan) || spec.vlan < 1 || spec.vlan > 4094)) {
      throw new CoreError('bridge.vlan-range', { value: spec.vlan });
    }
    const bridge = spec.name ?? (spec.vlan === undefined ? 'br0' : `brvlan${spec.vlan}`);
    checkIfName(bridge);
    const seconds = rollbackSeconds(spec.rollbackSeconds);
    const net = await this.detect(host);
    const nic = net.nics.find((n) => n.name === spec.nic);
    if (!nic) throw new CoreError('bridge.nic-not-found', { host, nic: spec.nic, nics: net.nics.map((n) => n.name) });
    if (nic.kind === 'loopback' || nic.kind === 'bridge') throw new CoreError('bridge.nic-kind', { host, nic: spec.nic, kind: nic.kind });
    if (nic.master) throw new CoreError('bridge.nic-enslaved', { host, nic: spec.nic, master: nic.master });
    if (net.nics.some((n) => n.name === bridge)) throw new CoreError('bridge.name-taken', { host, name: bridge });
    if (nic.carriesSsh && !spec.allowSshNic) {
      throw new CoreError('bridge.ssh-nic', { host, nic: spec.nic, address: net.sshServerAddress ?? '', seconds });
    }
    this.needIfupdown(host, net);
    const port = spec.vlan === undefined ? spec.nic : `${spec.nic}.${spec.vlan}`;
    const eni = await hostRun(this.session(host), 'bridge.read-failed', ['cat', '--', ENI]);
    const plan = eniAddBridge(eni, bridge, port);
    const ifdownPort: Argv[] = plan.portHadStanza ? [['ifdown', port]] : [];
    const ifupPort: Argv[] = plan.portHadStanza ? [['ifup', port]] : [];
    return this.apply(host, seconds, {
      action: 'create',
      bridge,
      nic: port,
      files: [{ target: ENI, content: plan.text }],
      applyDown: ifdownPort,
      applyUp: [['ifup', bridge]],
      undoDown: [['ifdown', bridge]],
      undoUp: ifupPort,
    });
  }

  /** Takes a VirtDeck-style one-port bridge apart (its address goes back to the NIC), with the same safe apply. */
  async remove(host: string, name: string, opts: { rollbackSeconds?: number } = {}): Promise<BridgeTxn> {
    checkIfName(name);
    const seconds = rollbackSeconds(opts.rollbackSeconds);
    const net = await this.detect(host);
    if (!net.nics.some((n) => n.name === name && n.kind === 'bridge')) throw new CoreError('bridge.not-found', { host, name });
    const network = (await this.networkBridges(host)).get(name);
    if (network) throw new CoreError('bridge.of-network', { host, name, network });
    this.needIfupdown(host, net);
    const eni = await hostRun(this.session(host), 'bridge.read-failed', ['cat', '--', ENI]);
    const { text, port } = eniRemoveBridge(eni, name);
    const others = net.nics.filter((n) => n.master === name && n.name !== port).map((n) => n.name);
    if (others.length) throw new CoreError('bridge.has-ports', { host, name, ports: others });
    const portUp = new RegExp(`^iface ${port.replace(/\./g, '\\.')} inet `, 'm').test(text);
    return this.apply(host, seconds, {
      action: 'delete',
      bridge: name,
      nic: port,
      files: [{ target: ENI, content: text }],
      applyDown: [['ifdown', name]],
      applyUp: portUp ? [['ifup', port]] : [],
      undoDown: portUp ? [['ifdown', port]] : [],
      undoUp: [['ifup', name]],
    });
  }

  /** Proves VirtDeck reaches the host after the change (this very exec) and stops the rollback timer. */
  async confirm(host: string, id: string): Promise<BridgeTxn> {
    const dir = this.txnDir(id);
    await hostRun(this.session(host), 'bridge.confirm-failed', ['sh', `${dir}/txn.sh`, 'confirm', dir]);
    return this.status(host, id);
  }

  async status(host: string, id: string): Promise<BridgeTxn> {
    const txn = await this.readTxn(host, id);
    if (!txn) throw new CoreError('bridge.txn-not-found', { host, id });
    return txn;
  }

  /** The change's state on the host, or null when its directory does not exist. */
  private async readTxn(host: string, id: string): Promise<BridgeTxn | null> {
    const dir = this.txnDir(id);
    const r = await hostExec(this.session(host), [
      'sh', '-c', 'cd "$1" 2>/dev/null || exit 3; cat state meta deadline 2>/dev/null; echo @@log; tail -n 40 log 2>/dev/null; exit 0', 'sh', dir,
    ]);
    if (r.code === 3) return null;
    if (r.code !== 0) throw new CoreError('bridge.status-failed', { host, output: r.stderr.trim() || `exit ${r.code ?? 'signal'}` });
    const [head = '', log = ''] = r.stdout.split('@@log\n');
    const [stateText, action, bridge, nic, deadline] = head.split('\n');
    const state = BRIDGE_TXN_STATES.find((s) => s === stateText) ?? ('applying' as BridgeTxnState);
    return {
      host,
      id,
      action: action === 'delete' ? 'delete' : 'create',
      bridge: bridge ?? '',
      nic: nic ?? '',
      state,
      deadline: deadline ? new Date(Number(deadline) * 1000).toISOString() : '',
      log,
    };
  }

  private needIfupdown(host: string, net: HostNetworkInfo): void {
    if (net.stack !== 'ifupdown') {
      throw new CoreError('bridge.unsupported-stack', { host, stack: net.stack });
    }
  }

  private async apply(host: string, seconds: number, plan: TxnPlan): Promise<BridgeTxn> {
    const session = this.session(host);
    const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const dir = this.txnDir(id);
    const nul = (argv: Argv) => `${argv.join('\0')}\0`;
    const cmdFiles = (kind: string, list: Argv[]) => list.map((argv, i) => ({ path: `${kind}.${i + 1}`, content: nul(argv) }));
    const tar = tarFiles([
      { path: 'txn.sh', content: TXN_SCRIPT, mode: 0o700 },
      { path: 'meta', content: `${plan.action}\n${plan.bridge}\n${plan.nic}\n` },
      { path: 'state', content: 'applying\n' },
      ...plan.files.flatMap((f, i) => [
        { path: `files/${i}.target`, content: f.target },
        { path: `files/${i}.new`, content: f.content, mode: 0o644 },
      ]),
      ...cmdFiles('apply-down', plan.applyDown),
      ...cmdFiles('apply-up', plan.applyUp),
      ...cmdFiles('undo-down', plan.undoDown),
      ...cmdFiles('undo-up', plan.undoUp),
    ]);
    // One exec unpacks the change and starts its runner detached from this SSH session (which the change may
    // cut). The host side is the undo: the runner rolls the change back by itself unless VirtDeck confirms it in
    // time. So a dropped connection never leaves it half done: if the exec was cut before the runner started
    // (tar stopped short, or sh hung up) nothing changed; if it started, the outcome is read again once the host
    // is back, and if it is not back by the deadline, the host has rolled the change back.
    let dropped = false;
    const lost = (err: unknown): null => {
      if (!isLinkFailure(err)) throw err;
      if (!dropped) this.hosts.get(host).retryNow();
      dropped = true;
      return null;
    };
    await hostRun(session, 'bridge.start-failed', [
      'sh', '-c', 'umask 077 && mkdir -p "$1" && tar -x -C "$1" && setsid -f sh "$1/txn.sh" run "$1" "$2" </dev/null >/dev/null 2>&1', 'sh', dir, String(seconds),
    ], tar).catch(lost);
    const until = Date.now() + seconds * 1000;
    for (;;) {
      const read = await this.readTxn(host, id).then((t) => t ?? ('absent' as const), lost);
      // After a drop the runner has had ample time to write its deadline: none means it never started.
      if (dropped && (read === 'absent' || (read && !read.deadline))) {
        throw new CoreError('bridge.start-dropped', { host });
      }
      if (read === 'absent') throw new CoreError('bridge.txn-vanished', { host, id, path: TXN_ROOT });
      const txn = read;
      if (txn?.state === 'failed') {
        throw new CoreError('bridge.apply-failed', { host, log: txn.log.trim() });
      }
      if (txn && txn.state !== 'applying') return txn;
      if (Date.now() > until) {
        if (txn) return txn;
        throw new CoreError('bridge.apply-lost', { host, id, rollbackAt: new Date(until).toISOString() });
      }
      await sleep(300);
    }
  }

  private txnDir(id: string): string {
    if (!TXN_ID_RE.test(id)) throw new CoreError('bridge.bad-id', { id });
    return `${TXN_ROOT}/${id}`;
  }

  private session(host: string) {
    const s = this.hosts.get(host);
    s.libvirt(); // online check: a clear host-offline error before any exec
    return s;
  }
}

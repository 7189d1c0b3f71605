// Console byte channels over the host's one connection: serial (libvirt console stream), VNC (SSH forward to the
// VM's VNC port or socket), guest shell and guest commands (SSH to the guest, jumping through the host's connection).
import { connect as netConnect } from 'node:net';
import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { VmRef } from '../../../shared/model/vm.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';
import type { ConsoleChannels, GuestLogin, GuestShell } from '../api.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { IpamService } from '../instances/ipam-service.js';
import type { VmService } from '../vms/vm-service.js';
import { type GuestTarget, guestExec, openGuestShell } from './guest-shell.js';

/** VIR_DOMAIN_CONSOLE_FORCE: take the console over from another client (virsh console --force). */
const CONSOLE_FORCE = 1;

export class ConsoleService implements ConsoleChannels {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly ipam: IpamService,
    private readonly home: string,
  ) {}

  async openSerial(ref: VmRef): Promise<Duplex> {
    const { lv, dom } = await this.vms.live(ref);
    if (!(await lv.domainIsActive(dom))) throw new CoreError('invalid', `VM "${dom.name}" is not running`);
    return lv.domainOpenConsole(dom, null, CONSOLE_FORCE);
  }

  async openVnc(ref: VmRef): Promise<Duplex> {
    const xml = await this.vms.xml(ref);
    const vnc = DomainXml.parse(xml).graphics.find((g) => g.type === 'vnc');
    if (!vnc) throw new CoreError('invalid', `VM "${ref.vm}" has no VNC display`);
    const ssh = this.hosts.get(ref.host).sshConnection();
    if (vnc.socket) {
      return ssh ? ssh.forwardStreamLocal(vnc.socket) : netConnect(vnc.socket);
    }
    const port = vnc.port;
    if (port === null || port < 0) throw new CoreError('invalid', `VNC display of "${ref.vm}" has no port yet (is it running?)`);
    const listen = !vnc.listen || vnc.listen === '0.0.0.0' || vnc.listen === '::' ? '127.0.0.1' : vnc.listen;
    return ssh ? ssh.forwardOut(listen, port) : netConnect(port, listen);
  }

  async openGuestShell(ref: VmRef, opts: GuestLogin & { cols: number; rows: number; term?: string }): Promise<GuestShell> {
    const { ssh, target } = await this.guest(ref, opts);
    return openGuestShell(ssh, target, opts);
  }

  async guestExec(ref: VmRef, command: readonly string[], opts: GuestLogin): Promise<ExecResult> {
    const { ssh, target } = await this.guest(ref, opts);
    return guestExec(ssh, target, command);
  }

  /** The host's SSH connection and the guest behind it (address and user filled in as GuestLogin says). */
  private async guest(ref: VmRef, login: GuestLogin): Promise<{ ssh: SshConnection; target: GuestTarget }> {
    const vm = this.vms.get(ref);
    const ips = vm.ips.map((a) => a.replace(/\/\d+$/, ''));
    const ip = login.ip ?? ips.find((a) => !a.includes(':')) ?? ips[0] ?? this.ipam.reservedAddress(ref.host, vm.uuid);
    if (!ip) throw new CoreError('invalid', `no IP address known for ${ref.host}/${vm.name} (is it running with a guest agent?)`);
    const ssh = this.hosts.get(ref.host).sshConnection();
    if (!ssh) throw new CoreError('invalid', `${ref.host} is a local host: SSH to ${ip} directly`);
    const user = login.user ?? DomainXml.parse(await this.vms.xml(ref, true)).virtdeck.get('user') ?? userInfo().username;
    return { ssh, target: { ip, user, home: this.home, ...(login.identityFiles ? { identityFiles: login.identityFiles } : {}) } };
  }
}

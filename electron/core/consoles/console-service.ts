// Console byte channels over the host's one connection: serial (libvirt console stream), VNC (a forward from the
// host to the VM's VNC port or socket), guest shell and guest commands (SSH to the guest, reached from the host).
import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { VmRef } from '../../../shared/model/vm.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';
import type { ConsoleChannels, GuestShell, GuestSshOptions } from '../api.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { IpamService } from '../instances/ipam-service.js';
import type { VmService } from '../vms/vm-service.js';
import type { CorePrompts } from '../prompts.js';
import type { GuestHostKeys } from './guest-host-keys.js';
import { connectGuest } from './guest-ssh.js';
import { openGrantSerial, parseGrantFile } from '../grants/grant-session.js';
import type { SupportSessions } from '../grants/support-sessions.js';

/** VIR_DOMAIN_CONSOLE_FORCE: take the console over from another client (virsh console --force). */
const CONSOLE_FORCE = 1;

export class ConsoleService implements ConsoleChannels {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly ipam: IpamService,
    private readonly guestKeys: GuestHostKeys,
    private readonly prompts: CorePrompts,
    private readonly support: SupportSessions,
  ) {}

  async openSerial(ref: VmRef): Promise<Duplex> {
    const { lv, dom } = await this.vms.live(ref);
    if (!(await lv.domainIsActive(dom))) throw new CoreError('vm.not-running', { host: ref.host, vm: dom.name });
    return lv.domainOpenConsole(dom, null, CONSOLE_FORCE);
  }

  async openVnc(ref: VmRef): Promise<Duplex> {
    const xml = await this.vms.xml(ref);
    const vnc = DomainXml.parse(xml).graphics.find((g) => g.type === 'vnc');
    if (!vnc) throw new CoreError('vm.no-vnc', { host: ref.host, vm: ref.vm });
    const transport = this.hosts.get(ref.host).transport;
    if (vnc.socket) return transport.forwardUnix(vnc.socket);
    const port = vnc.port;
    if (port === null || port < 0) throw new CoreError('vm.vnc-no-port', { host: ref.host, vm: ref.vm });
    const listen = !vnc.listen || vnc.listen === '0.0.0.0' || vnc.listen === '::' ? '127.0.0.1' : vnc.listen;
    return transport.forwardOut(listen, port);
  }

  openGrantSerial(grant: { file: string; text: string }, passphrase: string, size: { cols: number; rows: number; term?: string }): Promise<GuestShell> {
    return openGrantSerial(parseGrantFile(grant.file, grant.text), passphrase, size, grant.file);
  }

  openSupportVnc(session: string): Promise<Duplex> {
    return this.support.openVnc(session);
  }

  openSupportSerial(session: string): Promise<GuestShell> {
    return this.support.openSerial(session, { cols: 80, rows: 24 });
  }

  async openGuestShell(ref: VmRef, opts: GuestSshOptions & { cols: number; rows: number; term?: string }): Promise<GuestShell> {
    const guest = await this.guest(ref, opts);
    try {
      const shell = await guest.shell({ cols: opts.cols, rows: opts.rows, ...(opts.term ? { term: opts.term } : {}) });
      shell.once('close', () => guest.close());
      return shell;
    } catch (err) {
      guest.close();
      throw err;
    }
  }

  async guestExec(ref: VmRef, command: readonly string[], opts: GuestSshOptions): Promise<ExecResult> {
    const guest = await this.guest(ref, opts);
    try {
      return await guest.exec(command);
    } finally {
      guest.close();
    }
  }

  /** A connected guest (the caller closes it): address and user as GuestSshOptions says. */
  private async guest(ref: VmRef, opts: GuestSshOptions): Promise<SshConnection> {
    const vm = this.vms.get(ref);
    const ips = vm.ips.map((a) => a.replace(/\/\d+$/, ''));
    const ip = opts.ip ?? ips.find((a) => !a.includes(':')) ?? ips[0] ?? this.ipam.reservedAddress(ref.host, vm.uuid);
    if (!ip) throw new CoreError('vm.no-ip', { host: ref.host, vm: vm.name });
    const xml = await this.vms.xml(ref);
    return connectGuest({
      transport: this.hosts.get(ref.host).transport,
      vm: { uuid: vm.uuid, name: vm.name, xml },
      ip,
      user: opts.user ?? DomainXml.parse(xml).virtdeck.get('user') ?? userInfo().username,
      ...(opts.identityFiles ? { identityFiles: opts.identityFiles } : {}),
      keys: this.guestKeys,
      confirm: async (p) => (this.prompts.hostKey ? this.prompts.hostKey(p) : false),
    });
  }
}

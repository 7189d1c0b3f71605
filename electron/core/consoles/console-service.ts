// Console byte channels over the host's one connection: serial (libvirt console stream), VNC (a forward from the
// host to the VM's VNC port or socket), guest shell (SSH to the guest, reached from the host).
import type { Duplex } from 'node:stream';
import type { VmRef } from '../../../shared/model/vm.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { ConsoleChannels } from '../api.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { VmService } from '../vms/vm-service.js';
import type { CorePrompts } from '../prompts.js';
import type { GuestHostKeys } from './guest-host-keys.js';
import { connectGuest } from './guest-ssh.js';

/** VIR_DOMAIN_CONSOLE_FORCE: take the console over from another client (virsh console --force). */
const CONSOLE_FORCE = 1;

export class ConsoleService implements ConsoleChannels {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly guestKeys: GuestHostKeys,
    private readonly prompts: CorePrompts,
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

  async openGuestShell(
    ref: VmRef,
    opts: { user: string; cols: number; rows: number },
  ): Promise<Duplex & { resize(cols: number, rows: number): void }> {
    const vm = this.vms.get(ref);
    const ip = vm.ips.find((a) => !a.includes(':')) ?? vm.ips[0];
    if (!ip) throw new CoreError('vm.no-ip', { host: ref.host, vm: vm.name });
    const guest = await connectGuest({
      transport: this.hosts.get(ref.host).transport,
      vm: { uuid: vm.uuid, name: vm.name, xml: await this.vms.xml(ref) },
      ip: ip.replace(/\/\d+$/, ''),
      user: opts.user,
      keys: this.guestKeys,
      confirm: async (p) => (this.prompts.hostKey ? this.prompts.hostKey(p) : false),
    });
    try {
      const shell = await guest.shell({ cols: opts.cols, rows: opts.rows });
      shell.once('close', () => guest.close());
      return shell;
    } catch (err) {
      guest.close();
      throw err;
    }
  }
}

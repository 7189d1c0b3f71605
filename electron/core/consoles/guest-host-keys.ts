// VirtDeck's own store of guest SSH host keys, apart from the user's known_hosts: keys are recorded under the VM's
// UUID (OpenSSH HostKeyAlias), not its address, so an address that IPAM gives to a new VM never meets the old
// VM's key, and a VM's keys are forgotten when the VM is gone.
import { join } from 'node:path';
import { KnownHosts } from '../../ssh/known-hosts.js';

export class GuestHostKeys {
  readonly file: string;
  private readonly pending = new Set<Promise<void>>();

  constructor(home: string) {
    this.file = join(home, 'guest_host_keys');
  }

  /** The known_hosts name a VM's keys are kept under. */
  alias(uuid: string): string {
    return `vm-${uuid.toLowerCase()}`;
  }

  /** Drops the VM's keys; settle() waits for it. */
  forget(uuid: string): Promise<void> {
    const done = new KnownHosts({ file: this.file }).remove(this.alias(uuid), 22).finally(() => this.pending.delete(done));
    this.pending.add(done);
    return done;
  }

  /** Waits for forget() calls in flight (before the process ends). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

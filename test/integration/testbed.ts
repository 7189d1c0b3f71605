// Where the running test bed is, for integration tests. global-setup.ts brings it up (or reuses
// VIRTDECK_TESTBED) and exports its directory in VIRTDECK_TESTBED.
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface TestHost {
  /** "h1", "h2", ... */
  name: string;
  index: number;
  sshHost: string;
  sshPort: number;
  /** libvirt unix socket of the host, reachable from this machine without SSH. */
  socket: string;
}

export interface TestBed {
  dir: string;
  keyFile: string;
  knownHosts: string;
  hosts: TestHost[];
  /** virsh against host i through its unix socket; returns trimmed stdout. */
  virsh(index: number, ...args: string[]): string;
}

export function testbed(): TestBed {
  const dir = process.env.VIRTDECK_TESTBED ?? '/tmp/tb';
  const count = Number(process.env.VIRTDECK_TESTBED_HOSTS ?? '3');
  const basePort = Number(process.env.VIRTDECK_TESTBED_BASE_PORT ?? '2200');
  const hosts: TestHost[] = [];
  for (let i = 1; i <= count; i++) {
    hosts.push({
      name: `h${i}`,
      index: i,
      sshHost: '127.0.0.1',
      sshPort: basePort + i,
      socket: join(dir, 'hosts', `h${i}`, 'run', 'libvirt', 'libvirt-sock'),
    });
  }
  return {
    dir,
    keyFile: join(dir, 'ssh', 'id_ed25519'),
    knownHosts: join(dir, 'ssh', 'known_hosts'),
    hosts,
    virsh(index, ...args) {
      const host = hosts[index - 1];
      if (!host) throw new Error(`no test-bed host ${index}`);
      return execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${host.socket}`, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      }).trim();
    },
  };
}

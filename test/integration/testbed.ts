// Where the running test bed is, for integration (and e2e) tests. global-setup.ts brings it up (or reuses
// VIRTDECK_TESTBED) and exports its directory in VIRTDECK_TESTBED.
//
// Where it cannot run (not root, not Linux, packages missing), `available` is false and
// `reason` says why. Every integration suite must then be skipped, never passed:
//
//   const tb = testbed();
//   describe.skipIf(!tb.available)('vms on real hosts', () => { ... });
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface TestHost {
  /** "h1", "h2", ... */
  name: string;
  index: number;
  sshHost: string;
  sshPort: number;
  /** The host's address on the lab LAN (what the other hosts see). */
  labIp: string;
  /** libvirt unix socket of the host, reachable from this machine without SSH. */
  socket: string;
}

export interface TestBed {
  /** false when global-setup could neither find nor start a test bed; see `reason`. */
  available: boolean;
  reason: string | undefined;
  dir: string;
  keyFile: string;
  knownHosts: string;
  hosts: TestHost[];
  /** virsh against host i through its unix socket; returns trimmed stdout. */
  virsh(index: number, ...args: string[]): string;
}

export function testbed(): TestBed {
  const env = process.env;
  // With several lanes (VIRTDECK_TESTBED_LANES, see global-setup.ts) worker k has lane k's test bed to itself:
  // vitest's (VITEST_POOL_ID, from 1) and Playwright's (TEST_PARALLEL_INDEX, from 0; playwright.config.ts).
  const lane = env.VITEST_POOL_ID ? Number(env.VITEST_POOL_ID) : Number(env.TEST_PARALLEL_INDEX ?? '0') + 1;
  const sfx = lane > 1 && env[`VIRTDECK_TESTBED_LANE${lane}`] ? `_LANE${lane}` : '';
  // Only the test bed global-setup found or started: never a directory guessed here.
  const dir = env[`VIRTDECK_TESTBED${sfx}`] ?? '';
  const count = Number(env[`VIRTDECK_TESTBED${sfx}_HOSTS`] ?? '3');
  const basePort = Number(env[`VIRTDECK_TESTBED${sfx}_BASE_PORT`] ?? '2200');
  const prefix = env[`VIRTDECK_TESTBED${sfx}_PREFIX`] ?? 'h';
  const labNet = env[`VIRTDECK_TESTBED${sfx}_LAB_NET`] ?? '172.31.201';
  const reason =
    env.VIRTDECK_TESTBED_UNAVAILABLE || (dir ? undefined : 'VIRTDECK_TESTBED is not set (the integration global setup sets it)');
  const hosts: TestHost[] = [];
  for (let i = 1; i <= count; i++) {
    hosts.push({
      name: `${prefix}${i}`,
      index: i,
      sshHost: '127.0.0.1',
      sshPort: basePort + i,
      labIp: `${labNet}.${10 + i}`,
      socket: join(dir, 'hosts', `${prefix}${i}`, 'run', 'libvirt', 'libvirt-sock'),
    });
  }
  return {
    available: reason === undefined,
    reason,
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

// One test-bed host as the real-guest tests use it: virsh with stderr kept out of the test output, a
// best-effort virsh for cleanup, commands inside the host's namespaces, and where a guest's serial log lands.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import type { TestBed } from '../testbed.js';
import { quietVirsh, type Virsh } from './guest-agent.js';

export interface GuestHost {
  tb: TestBed;
  /** 1-based test-bed host index. */
  index: number;
  /** virsh on this host; returns trimmed stdout, throws with stderr. */
  virsh(...args: string[]): string;
  /** virsh for cleanup: a failure (something that is not there) is ignored. */
  quiet(...args: string[]): void;
  /** argv inside the host's namespaces (the test bed's tbns). */
  inHost(...argv: string[]): SpawnSyncReturns<string>;
  /** virsh by host index, as the guest-agent helpers take it. */
  hostVirsh: Virsh;
  /** This machine's path of the serial log a guest domain writes (see guestDomainXml). */
  serialLog(domain: string): string;
}

export function guestHost(tb: TestBed, index: number): GuestHost {
  const hostVirsh = quietVirsh(tb);
  const virsh = (...args: string[]) => hostVirsh(index, ...args);
  return {
    tb,
    index,
    virsh,
    quiet: (...args) => {
      try {
        virsh(...args);
      } catch {
        // cleanup of something that is not there
      }
    },
    inHost: (...argv) => spawnSync(join(tb.dir, 'bin', 'tbns'), [String(index), ...argv], { encoding: 'utf8' }),
    hostVirsh,
    serialLog: (domain) => join(tb.dir, 'hosts', tb.hosts[index - 1]!.name, 'log', 'qemu', `${domain}.serial.log`),
  };
}

// The test bed itself: every host answers as itself, on its socket and over SSH.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';

const tb = testbed();

describe.skipIf(!tb.available)('test bed', () => {
  it('each host has its own libvirtd, named after the host', () => {
    const names = tb.hosts.map((h) => tb.virsh(h.index, 'hostname'));
    expect(names).toEqual(tb.hosts.map((h) => h.name));
  });

  it('each host is reachable over SSH with strict host keys', () => {
    for (const h of tb.hosts) {
      const out = execFileSync('ssh', ['-i', tb.keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
        '-o', `UserKnownHostsFile=${tb.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
        '-p', String(h.sshPort), `root@${h.sshHost}`, 'hostname'], { encoding: 'utf8', timeout: 30_000 });
      expect(out.trim()).toBe(h.name);
    }
  });
});

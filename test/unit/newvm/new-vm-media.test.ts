// The download on the host: the argv (the URL verbatim as one argument after --, curl without URL globbing) and the
// new volume's name (the URL's file when it is a plain name, else the VM's); which of curl and wget the host has.
import { describe, expect, it } from 'vitest';
import type { HostSession } from '../../../electron/core/hosts/host-session.js';
import { downloadArgv, downloadVolumeName, hostDownloader } from '../../../electron/core/newvm/new-vm-media.js';

describe('ISO download on the host', () => {
  const hostile = `http://lab/it's"$(touch /tmp/x)\`id\`{a,b}[1-2].iso`;
  it('passes the URL verbatim as the last argument, after --', () => {
    for (const tool of ['curl', 'wget'] as const) {
      const argv = downloadArgv(tool, hostile, '/var/lib/libvirt/images/d.iso');
      expect(argv.slice(-2)).toEqual(['--', hostile]);
      expect(argv[0]).toBe(tool);
    }
    expect(downloadArgv('curl', hostile, '/p')).toContain('--globoff');
  });
  it('names the volume after the URL file, or after the VM when the file is no plain name', () => {
    expect(downloadVolumeName(new URL('https://cdimage.debian.org/x/debian-12.8.0-amd64-netinst.iso?x=1'), 'web')).toBe('debian-12.8.0-amd64-netinst.iso');
    expect(downloadVolumeName(new URL(hostile), 'web')).toBe('web-install.iso');
    expect(downloadVolumeName(new URL('http://lab/'), 'web')).toBe('web-install.iso');
    expect(downloadVolumeName(new URL('http://lab/.hidden.iso'), 'web')).toBe('web-install.iso');
  });
});

describe('the downloader a host has', () => {
  /** A host whose `which curl wget` prints `found` (as which does: the paths it found, exit 1 when one is missing). */
  const host = (found: string[]) => {
    const argvs: string[][] = [];
    const session = {
      config: { name: 'h1' },
      transport: {
        exec: async (argv: readonly string[]) => {
          argvs.push([...argv]);
          return { code: found.length === 2 ? 0 : 1, stdout: Buffer.from(found.map((f) => `${f}\n`).join('')), stderr: Buffer.alloc(0) };
        },
      },
    } as unknown as HostSession;
    return { session, argvs };
  };
  it('curl first, else wget, else none (the planner then refuses: newvm.no-downloader)', async () => {
    const both = host(['/usr/bin/curl', '/usr/bin/wget']);
    expect(await hostDownloader(both.session)).toBe('curl');
    expect(both.argvs).toEqual([['which', 'curl', 'wget']]);
    expect(await hostDownloader(host(['/usr/bin/wget']).session)).toBe('wget');
    expect(await hostDownloader(host([]).session)).toBeNull();
  });
});

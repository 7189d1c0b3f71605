// How to reach libvirtd on a remote host over SSH. For the system daemon we first open a direct-streamlocal
// channel to its socket: no process on the host, and measured on the test bed 210 ms from TCP connect to a listed
// host against 720 ms through virt-ssh-helper (its start-up alone costs ~250 ms per connection). Hosts with split
// daemons still expose that socket through virtproxyd. Where it fails (AllowStreamLocalForwarding no, no such
// socket, a session URI) we fall back to virt-ssh-helper (knows split daemons), else `nc -U`.

export type LibvirtChannelKind = 'virt-ssh-helper' | 'streamlocal' | 'nc';

export interface LibvirtProbe {
  helper: boolean;
  nc: boolean;
  /** This nc understands `-q0` (quit right after stdin EOF). */
  ncQuitOption: boolean;
}

// A fixed script: nothing from the user goes into it. `nc -q` with no value fails with "requires an argument"
// on netcats that know -q (libvirt's own probe).
const PROBE_SCRIPT = [
  'command -v virt-ssh-helper >/dev/null 2>&1 && echo helper',
  'if command -v nc >/dev/null 2>&1; then echo nc; nc -q 2>&1 | grep -q "requires an argument" && echo nc-q; fi',
  'true',
].join('; ');

export const LIBVIRT_PROBE_ARGV: readonly string[] = ['sh', '-c', PROBE_SCRIPT];

export function parseLibvirtProbe(stdout: string): LibvirtProbe {
  const words = new Set(stdout.split(/\s+/));
  return { helper: words.has('helper'), nc: words.has('nc'), ncQuitOption: words.has('nc-q') };
}

/** The daemon socket for a URI: its `socket=` parameter, else the system socket (read-only variant if asked). */
export function libvirtSocketPath(uri: string, readOnly: boolean): string {
  const m = /[?&]socket=([^&]+)/.exec(uri);
  if (m) return decodeURIComponent(m[1]!);
  return readOnly ? '/var/run/libvirt/libvirt-sock-ro' : '/var/run/libvirt/libvirt-sock';
}

export function helperArgv(uri: string, readOnly: boolean): string[] {
  return ['virt-ssh-helper', ...(readOnly ? ['-r'] : []), uri];
}

export function ncArgv(probe: LibvirtProbe, socketPath: string): string[] {
  return ['nc', ...(probe.ncQuitOption ? ['-q0'] : []), '-U', socketPath];
}

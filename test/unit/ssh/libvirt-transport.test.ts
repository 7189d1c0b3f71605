import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  helperArgv,
  LIBVIRT_PROBE_ARGV,
  libvirtSocketPath,
  ncArgv,
  parseLibvirtProbe,
} from '../../../electron/ssh/libvirt-transport.js';

describe('libvirt transport selection', () => {
  it('parses probe output', () => {
    expect(parseLibvirtProbe('helper\nnc\nnc-q\n')).toEqual({ helper: true, nc: true, ncQuitOption: true });
    expect(parseLibvirtProbe('nc\n')).toEqual({ helper: false, nc: true, ncQuitOption: false });
    expect(parseLibvirtProbe('')).toEqual({ helper: false, nc: false, ncQuitOption: false });
  });

  it('the probe script runs under a local sh and exits 0', () => {
    const [sh, flag, script] = LIBVIRT_PROBE_ARGV;
    const out = execFileSync(sh!, [flag!, script!], { encoding: 'utf8' });
    expect(out.split('\n').every((w) => ['', 'helper', 'nc', 'nc-q'].includes(w))).toBe(true);
  });

  it('socket paths and argv', () => {
    expect(libvirtSocketPath('qemu:///system', false)).toBe('/var/run/libvirt/libvirt-sock');
    expect(libvirtSocketPath('qemu:///system', true)).toBe('/var/run/libvirt/libvirt-sock-ro');
    expect(libvirtSocketPath('qemu:///system?socket=%2Fx%2Fy', false)).toBe('/x/y');
    expect(helperArgv('qemu:///system', true)).toEqual(['virt-ssh-helper', '-r', 'qemu:///system']);
    expect(ncArgv({ helper: false, nc: true, ncQuitOption: true }, '/s')).toEqual(['nc', '-q0', '-U', '/s']);
    expect(ncArgv({ helper: false, nc: true, ncQuitOption: false }, '/s')).toEqual(['nc', '-U', '/s']);
  });
});

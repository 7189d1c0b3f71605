// The New VM wizard's form → spec for each source, and the firmware/TPM choices greyed out by what the host lacks.
import { describe, expect, it } from 'vitest';
import { emptyNewVmForm, firmwareBlocked, newVmSpecOf, tpmBlocked } from '../../../renderer/features/vms/new-vm-form.js';
import type { HostCaps } from '../../../shared/model/new-vm.js';

const CAPS: HostCaps = {
  host: 'h1', arch: 'x86_64', virtTypes: ['qemu'], machines: ['q35'], virtType: 'qemu', cpuModels: [], cpuModes: [],
  firmware: { bios: true, uefi: true, secureBoot: true, loaders: [] },
  tpm: { supported: true, models: ['tpm-crb'], backends: ['emulator'], versions: ['2.0'] },
};

describe('newVmSpecOf', () => {
  const form = { ...emptyNewVmForm(), name: ' web1 ' };
  it('ISO install: the volume as POOL/VOLUME, the preset defaults left to the core', () => {
    expect(newVmSpecOf('h1', { ...form, media: 'isos/debian-12.iso' })).toEqual({
      host: 'h1', name: 'web1', source: { kind: 'cdrom', iso: { pool: 'isos', volume: 'debian-12.iso' } }, os: 'generic',
      pool: 'default', networks: ['default'], start: true,
    });
  });
  it('import: a volume, or an absolute host path; no new disk size', () => {
    expect(newVmSpecOf('h1', { ...form, source: 'import', media: 'default/old.qcow2', diskBytes: 5 }).source).toEqual({ kind: 'import', disk: { pool: 'default', volume: 'old.qcow2' } });
    const byPath = newVmSpecOf('h1', { ...form, source: 'import', media: '/srv/old.vmdk', diskBytes: 5 });
    expect(byPath.source).toEqual({ kind: 'import', path: '/srv/old.vmdk' });
    expect(byPath.diskBytes).toBeUndefined();
  });
  it('ISO by URL: the host downloads it, with the SHA-256 when given; import with conversion to qcow2', () => {
    expect(newVmSpecOf('h1', { ...form, media: 'https://example.com/d.iso', sha256: ' AB ' }).source).toEqual({ kind: 'cdrom', url: 'https://example.com/d.iso', sha256: 'AB' });
    expect(newVmSpecOf('h1', { ...form, media: 'https://example.com/d.iso' }).source).toEqual({ kind: 'cdrom', url: 'https://example.com/d.iso' });
    expect(newVmSpecOf('h1', { ...form, source: 'import', media: '/srv/old.vmdk', convert: true }).source).toEqual({ kind: 'import', path: '/srv/old.vmdk', convert: 'qcow2' });
  });
  it('PXE and manual carry no media; firmware, TPM and sizes when chosen', () => {
    const spec = newVmSpecOf('h1', { ...form, source: 'pxe', media: 'x/y', firmware: 'uefi', tpm: true, virtType: 'qemu', vcpus: 4, memoryMiB: 4096, diskBytes: 1 << 30 });
    expect(spec).toMatchObject({ source: { kind: 'pxe' }, firmware: 'uefi', tpm: true, virtType: 'qemu', vcpus: 4, memoryMiB: 4096, diskBytes: 1 << 30 });
    expect(newVmSpecOf('h1', { ...form, source: 'none' }).source).toEqual({ kind: 'none' });
  });
});

describe('firmware and TPM the host offers', () => {
  it('everything on a host with OVMF and swtpm', () => {
    expect(['bios', 'uefi', 'uefi-secure'].map((f) => firmwareBlocked(CAPS, f as 'bios'))).toEqual([null, null, null]);
    expect(tpmBlocked(CAPS)).toBeNull();
  });
  it('without OVMF: UEFI and Secure Boot greyed out with the apt hint; BIOS stays', () => {
    const noOvmf = { ...CAPS, firmware: { bios: true, uefi: false, secureBoot: false, loaders: [] } };
    expect([firmwareBlocked(noOvmf, 'bios'), firmwareBlocked(noOvmf, 'uefi'), firmwareBlocked(noOvmf, 'uefi-secure')]).toEqual([null, 'newvm.noUefi', 'newvm.noUefi']);
    expect(firmwareBlocked({ ...CAPS, firmware: { ...CAPS.firmware, secureBoot: false } }, 'uefi-secure')).toBe('newvm.noSecureBoot');
  });
  it('without swtpm (no emulator backend) the TPM is greyed out', () => {
    expect(tpmBlocked({ ...CAPS, tpm: { ...CAPS.tpm, backends: ['passthrough'] } })).toBe('newvm.noTpm');
  });
});

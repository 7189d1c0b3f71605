// The built-in OS presets (used when a host has no libosinfo database): sane devices per guest family.
import type { OsPreset } from './new-vm.js';

const GiB = 1024 ** 3;
const linux = (id: string, memoryMiB = 2048, diskGiB = 20): OsPreset => ({
  id, family: 'linux', machine: 'q35', firmware: 'bios', tpm: false, bus: 'virtio', clock: 'utc', hyperv: false,
  vcpus: 2, memoryMiB, diskBytes: diskGiB * GiB,
});
// Windows 11 and its servers want UEFI + Secure Boot + TPM 2.0; 10 and 2019 run without, but gain from them.
const windows = (id: string, memoryMiB: number, diskGiB: number): OsPreset => ({
  id, family: 'windows', machine: 'q35', firmware: 'uefi-secure', tpm: true, bus: 'sata', clock: 'localtime', hyperv: true,
  vcpus: 2, memoryMiB, diskBytes: diskGiB * GiB,
});

export const OS_PRESETS: readonly OsPreset[] = [
  linux('debian11'), linux('debian12'), linux('debian13'),
  linux('ubuntu22.04'), linux('ubuntu24.04'),
  linux('rhel8'), linux('rhel9'), linux('rocky9'), linux('almalinux9'), linux('centos-stream9'), linux('fedora'),
  windows('win10', 4096, 64), windows('win11', 4096, 64),
  windows('win2k19', 4096, 64), windows('win2k22', 4096, 64), windows('win2k25', 4096, 64),
  // Anything else, old guests included: BIOS, SATA disk and e1000e NIC every OS has drivers for.
  { id: 'generic', family: 'generic', machine: 'q35', firmware: 'bios', tpm: false, bus: 'sata', clock: 'utc', hyperv: false, vcpus: 1, memoryMiB: 1024, diskBytes: 10 * GiB },
];

export const DEFAULT_OS = 'generic';

export function osPreset(id: string): OsPreset | undefined {
  return OS_PRESETS.find((p) => p.id === id);
}

// Capabilities and domain capabilities as libvirt 9.0 on the test bed writes them (with OVMF and swtpm installed),
// and the same without OVMF: what New VM offers and greys out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseDomainCapabilities } from '../../../electron/libvirt/xml/caps.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/caps', name), 'utf8');
const DOMCAPS = fixture('tb-domcaps-q35-qemu.xml');

describe('host capabilities', () => {
  it('reads the virt types and machine types of x86_64 guests, aliases included', () => {
    const c = parseCapabilities(fixture('tb-capabilities.xml'));
    expect(c.virtTypes).toEqual(['kvm', 'qemu']);
    expect(c.machines).toContain('q35');
    expect(c.machines).toContain('pc-q35-7.2');
    expect(c.machines).toContain('pc');
  });

  it('reads UEFI, Secure Boot, TPM 2.0 (emulator) and the usable CPU models', () => {
    const d = parseDomainCapabilities(DOMCAPS);
    expect(d.firmware).toMatchObject({ bios: true, uefi: true, secureBoot: true });
    expect(d.firmware.loaders).toContain('/usr/share/OVMF/OVMF_CODE_4M.secboot.fd');
    expect(d.tpm).toEqual({ supported: true, models: ['tpm-tis', 'tpm-crb'], backends: ['passthrough', 'emulator', 'external'], versions: ['1.2', '2.0'] });
    expect(d.cpuModels).toContain('qemu64');
    expect(d.cpuModes).toContain('maximum');
    expect(d.cpuModes).not.toContain('host-passthrough'); // supported='no' under TCG
  });

  it('without OVMF (no firmware descriptors) offers BIOS only', () => {
    const noOvmf = DOMCAPS.replace(/<enum name='firmware'>[\s\S]*?<\/enum>/, '').replace(/<value>\/usr\/share\/OVMF\/[^<]*<\/value>/g, '');
    expect(noOvmf).not.toContain('OVMF');
    const d = parseDomainCapabilities(noOvmf);
    expect(d.firmware).toEqual({ bios: true, uefi: false, secureBoot: false, loaders: [] });
  });

  it('without swtpm the TPM is not offered', () => {
    const d = parseDomainCapabilities(DOMCAPS.replace("<tpm supported='yes'>", "<tpm supported='no'>"));
    expect(d.tpm.supported).toBe(false);
  });
});

// Each rule of the target-feature precheck on its own (CPU, firmware file or kind, TPM backend, bridge), what a VM
// needs read from its XML, the domain capabilities parsed, and the CPU comparison on the wire (remote_protocol.x 393).
import { describe, expect, it } from 'vitest';
import { bindApi, type ProcedureCaller } from '../../../electron/libvirt/api.js';
import { XdrReader, XdrWriter } from '../../../electron/libvirt/xdr/index.js';
import { DomainCapsXml } from '../../../electron/libvirt/xml/domain-caps.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { featureRefusal, vmNeeds, type TargetOffer, type VmNeeds } from '../../../electron/core/migration/target-features.js';
import { xdr } from '../libvirt/fake-daemon.js';

const need = (over: Partial<VmNeeds> = {}): VmNeeds => ({ vm: 'web', cpuModel: null, loader: null, firmware: null, tpmBackend: null, bridges: [], ...over });
const offer = (over: Partial<TargetOffer> = {}): TargetOffer => ({
  cpuCompare: null, loaders: [], firmwares: [], tpmBackends: [], loaderFiles: {}, bridges: [], ...over,
});
const refusal = (n: VmNeeds, o: TargetOffer) => {
  const e = featureRefusal('h2', n, o);
  return e && { code: e.code, params: e.params };
};

describe('featureRefusal', () => {
  it('accepts a VM that needs nothing special on a bare target', () => {
    expect(refusal(need(), offer())).toBeNull();
  });

  it('refuses a CPU the target compares as incompatible (0), accepts identical (1), superset (2) and not compared (null)', () => {
    const n = need({ cpuModel: 'Skylake-Server' });
    expect(refusal(n, offer({ cpuCompare: 0 }))).toEqual({ code: 'migrate.cpu-incompatible', params: { host: 'h2', vm: 'web', model: 'Skylake-Server' } });
    for (const cpuCompare of [1, 2, null]) expect(refusal(n, offer({ cpuCompare }))).toBeNull();
    // A VM without a compared model (host-passthrough, host-model shut off) is never refused for its CPU.
    expect(refusal(need(), offer({ cpuCompare: 0 }))).toBeNull();
  });

  it('refuses a UEFI loader the target neither offers nor has as a file; either one is enough', () => {
    const n = need({ loader: '/srv/fw/CODE.fd' });
    expect(refusal(n, offer({ loaderFiles: { '/srv/fw/CODE.fd': false } }))).toEqual({
      code: 'migrate.firmware-missing', params: { host: 'h2', vm: 'web', firmware: '/srv/fw/CODE.fd' },
    });
    expect(refusal(n, offer({ loaders: ['/srv/fw/CODE.fd'] }))).toBeNull();
    expect(refusal(n, offer({ loaderFiles: { '/srv/fw/CODE.fd': true } }))).toBeNull();
  });

  it('refuses firmware autoselection (efi) the target does not offer', () => {
    expect(refusal(need({ firmware: 'efi' }), offer({ firmwares: ['bios'] }))).toEqual({ code: 'migrate.firmware-missing', params: { host: 'h2', vm: 'web', firmware: 'efi' } });
    expect(refusal(need({ firmware: 'efi' }), offer({ firmwares: ['bios', 'efi'] }))).toBeNull();
  });

  it('refuses a TPM backend the target lacks (swtpm = emulator)', () => {
    expect(refusal(need({ tpmBackend: 'emulator' }), offer({ tpmBackends: ['passthrough'] }))).toEqual({
      code: 'migrate.tpm-missing', params: { host: 'h2', vm: 'web', backend: 'emulator' },
    });
    expect(refusal(need({ tpmBackend: 'emulator' }), offer({ tpmBackends: ['passthrough', 'emulator'] }))).toBeNull();
  });

  it('refuses the first bridge the target lacks', () => {
    expect(refusal(need({ bridges: ['br0', 'br1'] }), offer({ bridges: ['br0'] }))).toEqual({ code: 'migrate.bridge-missing', params: { host: 'h2', vm: 'web', bridge: 'br1' } });
    expect(refusal(need({ bridges: ['br0', 'br1'] }), offer({ bridges: ['br1', 'br0', 'virbr0'] }))).toBeNull();
  });
});

describe('vmNeeds', () => {
  const dom = (inner: string) => DomainXml.parse(`<domain type='kvm'><name>web</name><os><type arch='x86_64' machine='q35'>hvm</type></os>${inner}</domain>`);

  it('compares a custom CPU model, not host-passthrough nor a host-model definition', () => {
    expect(vmNeeds('web', dom(`<cpu mode='custom' match='exact'><model>Haswell</model></cpu>`)).cpuModel).toBe('Haswell');
    expect(vmNeeds('web', dom(`<cpu match='exact'><model>Haswell</model></cpu>`)).cpuModel).toBe('Haswell');
    expect(vmNeeds('web', dom(`<cpu mode='host-passthrough'/>`)).cpuModel).toBeNull();
    expect(vmNeeds('web', dom(`<cpu mode='host-model'/>`)).cpuModel).toBeNull();
    expect(vmNeeds('web', dom('')).cpuModel).toBeNull();
  });

  it('reads the loader, the firmware kind, the TPM backend and the bridges (each once)', () => {
    const xml = DomainXml.parse(`<domain type='kvm'><name>web</name>
      <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader></os>
      <devices>
        <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
        <interface type='bridge'><source bridge='br0'/></interface>
        <interface type='bridge'><source bridge='br0'/></interface>
        <interface type='network'><source network='default'/></interface>
      </devices></domain>`);
    expect(vmNeeds('web', xml)).toEqual({
      vm: 'web', cpuModel: null, loader: '/usr/share/OVMF/OVMF_CODE_4M.fd', firmware: 'efi', tpmBackend: 'emulator', bridges: ['br0'],
    });
  });
});

describe('DomainCapsXml', () => {
  it('reads the offered loaders, firmware kinds and TPM backends; unsupported sections offer nothing', () => {
    const caps = DomainCapsXml.parse(`<domainCapabilities><os supported='yes'><enum name='firmware'><value>bios</value><value>efi</value></enum>
      <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value><enum name='type'><value>pflash</value></enum></loader></os>
      <devices><tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum><enum name='backendModel'><value>passthrough</value><value>emulator</value></enum></tpm></devices>
      </domainCapabilities>`);
    expect([caps.loaders, caps.firmwares, caps.tpmBackends]).toEqual([['/usr/share/OVMF/OVMF_CODE_4M.fd'], ['bios', 'efi'], ['passthrough', 'emulator']]);
    const none = DomainCapsXml.parse(`<domainCapabilities><os supported='no'/><devices><tpm supported='no'/></devices></domainCapabilities>`);
    expect([none.loaders, none.firmwares, none.tpmBackends]).toEqual([[], [], []]);
  });
});

describe('compareHypervisorCpu on the wire', () => {
  it('sends emulator, arch, machine, virttype (optional strings), the CPU XML and flags to procedure 393; answers the int', async () => {
    const sent: Array<{ proc: number; args: Buffer }> = [];
    const caller: ProcedureCaller = {
      callTimeoutMs: 60_000,
      async call(proc, encode, decode) {
        const w = new XdrWriter();
        encode?.(w);
        sent.push({ proc, args: Buffer.from(w.finish()) });
        return decode(new XdrReader(xdr((x) => x.int(2))));
      },
      openStream: () => Promise.reject(new Error('no streams here')),
    };
    const cpu = `<cpu mode='custom'><model>qemu64</model></cpu>`;
    expect(await bindApi(caller).compareHypervisorCpu(null, 'x86_64', 'q35', 'qemu', cpu, 0)).toBe(2);
    const opt = (x: XdrWriter, v: string | null) => void x.optional(v, (y, s) => void y.string(s));
    expect(sent).toEqual([{ proc: 393, args: xdr((x) => (opt(x, null), opt(x, 'x86_64'), opt(x, 'q35'), opt(x, 'qemu'), x.string(cpu).uint(0))) }]);
  });
});

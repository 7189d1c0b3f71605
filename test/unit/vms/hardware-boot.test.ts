// Boot order by device kind (<os><boot>) or per device (<boot order=N/>): either replaces the other, as libvirt
// refuses both in one definition; the rest of the XML is kept.
import { describe, expect, it } from 'vitest';
import { applyBoot, bootFromDisk, bootOrderOf } from '../../../electron/core/vms/hardware/boot.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { fixture } from '../xml/prop-harness.js';

const who = { host: 'h1', vm: 'web' };
const perDevice = () => DomainXml.parse(fixture('domain/tb-xmlfix-boot-order.inactive.xml'));
const byKind = () => DomainXml.parse(fixture('domain/tb-xmlfix-q35-file.inactive.xml'));
const ids = (x: DomainXml) => bootOrderOf(x).map((b) => b.id);

describe('boot order', () => {
  it('reads the per-device order, first to boot first', () => {
    expect(ids(perDevice())).toEqual(['hdc', 'vda', '52:54:00:80:f2:03']);
  });
  it('per device: the named devices get 1…n, the others none, and <os><boot> goes', () => {
    const x = byKind();
    applyBoot(x, { deviceOrder: ['52:54:00:C4:0C:B8', 'vda'] }, who);
    expect(ids(x)).toEqual(['52:54:00:c4:0c:b8', 'vda']);
    expect(x.bootDevices).toEqual([]);
    const back = DomainXml.parse(x.toXml());
    expect(back.disks.find((d) => d.targetDev === 'sda')?.bootOrder).toBeNull();
    expect(back.interfaces[0]?.bootOrder).toBe(1);
  });
  it('by kind: every per-device order goes', () => {
    const x = perDevice();
    applyBoot(x, { order: ['network', 'hd'], menu: true }, who);
    expect(ids(x)).toEqual([]);
    expect(x.bootDevices).toEqual(['network', 'hd']);
    expect(x.bootMenu).toBe(true);
  });
  it('an unknown device is refused and nothing is changed', () => {
    const x = perDevice();
    const before = x.toXml();
    expect(() => applyBoot(x, { deviceOrder: ['vda', 'vdz'] }, who)).toThrow(expect.objectContaining({ code: 'vm.boot-device-not-found' }));
    expect(x.toXml()).toBe(before);
    expect(() => applyBoot(x, {}, who)).toThrow(expect.objectContaining({ code: 'vm.no-change' }));
  });
  it('after an install: the disk boots first, in a per-device order and in an order of kinds', () => {
    const x = perDevice();
    bootFromDisk(x, who);
    expect(ids(x)).toEqual(['vda', 'hdc', '52:54:00:80:f2:03']);
    const k = byKind();
    k.bootDevices = ['cdrom', 'network', 'hd'];
    bootFromDisk(k, who);
    expect(k.bootDevices).toEqual(['hd', 'cdrom', 'network']);
  });
  it('after an install, without a disk: refused', () => {
    const x = byKind();
    for (const d of x.disks) d.device = 'cdrom';
    expect(() => bootFromDisk(x, who)).toThrow(expect.objectContaining({ code: 'vm.no-boot-disk' }));
  });
});

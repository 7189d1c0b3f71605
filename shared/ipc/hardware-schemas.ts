// Schemas of the hardware calls (vms.hardware, vms.setResources, vms.attachDisk, …).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { BOOT_DEVICES, DISK_BUSES, HW_PARTS, NEW_DISK_FORMATS, NIC_MODELS } from '../model/hardware.js';
import { diskInfo, vmRef } from './schemas.js';

const objectName = lazySchema(() => z.string().min(1).max(255));
const mac = lazySchema(() => z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i, 'a MAC address such as 52:54:00:12:34:56'));
/** A guest device name such as vdb or sda. */
const target = lazySchema(() => z.string().regex(/^[a-z]{2,3}[a-z]{1,2}$/, 'a device name such as vdb or sda'));
/** Where a change goes: absent both, a running VM gets both where libvirt allows, a shut-off one its config. */
const scope = { live: z.boolean().optional(), config: z.boolean().optional() };

const hwNic = lazySchema(() => z.object({ mac: z.string(), type: z.string(), source: z.string().nullable(), model: z.string().nullable(), linkUp: z.boolean() }));
const hwState = lazySchema(() => z.object({
  vcpus: z.number(),
  maxVcpus: z.number(),
  memoryMiB: z.number(),
  maxMemoryMiB: z.number(),
  disks: z.array(diskInfo),
  nics: z.array(hwNic),
  boot: z.array(z.string()),
  bootOrder: z.array(z.string()),
  bootMenu: z.boolean(),
  graphics: z.array(z.string()),
  video: z.array(z.string()),
  serial: z.boolean(),
  agent: z.boolean(),
  clipboard: z.boolean(),
}));
export const hardwareView = lazySchema(() => z.object({ running: z.boolean(), autostart: z.boolean(), config: hwState, live: hwState.nullable() }));
export const hwChangeResult = lazySchema(() => z.object({ running: z.boolean(), live: z.array(z.enum(HW_PARTS)), config: z.array(z.enum(HW_PARTS)) }));

export const setResourcesInput = lazySchema(() => z
  .object({
    ref: vmRef,
    vcpus: z.number().int().min(1).max(4096).optional(),
    maxVcpus: z.number().int().min(1).max(4096).optional(),
    memoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).optional(),
    maxMemoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).optional(),
    ...scope,
  })
  .strict());

export const attachDiskInput = lazySchema(() => z
  .object({
    ref: vmRef,
    /** An existing volume, or a new one of this size (in `pool`, default the pool of the VM's first disk). */
    volume: z.object({ pool: objectName, volume: objectName }).strict().optional(),
    newVolume: z
      .object({ sizeBytes: z.number().int().min(1), pool: objectName.optional(), format: z.enum(NEW_DISK_FORMATS).optional() })
      .strict()
      .optional(),
    bus: z.enum(DISK_BUSES).optional(),
    target: target.optional(),
    ...scope,
  })
  .strict()
  .refine((v) => (v.volume === undefined) !== (v.newVolume === undefined), { message: 'give volume or newVolume, not both', path: ['volume'] }));

export const detachDiskInput = lazySchema(() => z.object({ ref: vmRef, target, deleteVolume: z.boolean().optional(), ...scope }).strict());

/**
 * Media into a CD-ROM drive (null: eject); the first drive unless `target`. `bootDisk` (with an eject, after an install):
 * ejected now and in the definition, and the first disk put first in the boot order — one change, no scope flags.
 */
export const setCdromInput = lazySchema(() => z
  .object({
    ref: vmRef,
    target: target.optional(),
    volume: z.object({ pool: objectName, volume: objectName }).strict().nullable(),
    bootDisk: z.boolean().optional(),
    ...scope,
  })
  .strict()
  .refine((v) => !v.bootDisk || v.volume === null, { message: 'bootDisk goes with an eject (volume null)', path: ['bootDisk'] })
  .refine((v) => !v.bootDisk || (v.live === undefined && v.config === undefined), { message: 'bootDisk changes both the running VM and its definition; give no live/config', path: ['bootDisk'] }));

/** A Linux interface name (a host bridge). */
const bridge = lazySchema(() => z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/, 'a host bridge name such as br0 (up to 15 letters, digits, _ . : -)'));
/** What a NIC is plugged into: exactly one of a libvirt network and a host bridge. */
const nicSource = { network: objectName.optional(), bridge: bridge.optional() };
const oneSource = (v: { network?: string; bridge?: string }): boolean => (v.network === undefined) !== (v.bridge === undefined);
const oneSourceError = { message: 'give network or bridge, not both', path: ['network'] };

export const addNicInput = lazySchema(() => z
  .object({
    ref: vmRef,
    ...nicSource,
    model: z.enum(NIC_MODELS).optional(),
    mac: mac.optional(),
    /** An address from the network's IPAM ('auto' or a CIDR/IP); default 'auto' on a network with IPAM. */
    ip: z.string().min(1).max(64).optional(),
    ...scope,
  })
  .strict()
  .refine(oneSource, oneSourceError)
  .refine((v) => v.ip === undefined || v.network !== undefined, { message: 'an IPAM address needs a network', path: ['ip'] }));
/** Plugs a NIC into another network or bridge. */
export const moveNicInput = lazySchema(() => z.object({ ref: vmRef, mac, ...nicSource, ...scope }).strict().refine(oneSource, oneSourceError));
export const removeNicInput = lazySchema(() => z.object({ ref: vmRef, mac, ...scope }).strict());
export const setNicLinkInput = lazySchema(() => z.object({ ref: vmRef, mac, up: z.boolean(), ...scope }).strict());
/** A disk target (vda) or a NIC's MAC: a device that can carry its own boot order. */
const bootDevice = lazySchema(() => z.union([target, mac]));
export const setBootInput = lazySchema(() => z
  .object({
    ref: vmRef,
    order: z.array(z.enum(BOOT_DEVICES)).min(1).max(3).optional(),
    /** Per-device order (<boot order=N/>), the alternative to `order`. */
    deviceOrder: z
      .array(bootDevice)
      .min(1)
      .max(64)
      .refine((d) => new Set(d.map((x) => x.toLowerCase())).size === d.length, 'a device is named twice')
      .optional(),
    menu: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.order === undefined || v.deviceOrder === undefined, { message: 'give order or deviceOrder, not both', path: ['deviceOrder'] }));

/** Graphics (VNC, with its video card), a serial console, the guest agent channel and the clipboard (qemu-vdagent)
 *  channel: present or not. */
export const setDevicesInput = lazySchema(() => z
  .object({
    ref: vmRef,
    graphics: z.enum(['vnc', 'none']).optional(),
    serial: z.boolean().optional(),
    agent: z.boolean().optional(),
    clipboard: z.boolean().optional(),
    ...scope,
  })
  .strict());

// Schemas of the hardware calls (vms.hardware, vms.setResources, vms.attachDisk, …).
import { z } from 'zod';
import { BOOT_DEVICES, DISK_BUSES, HW_PARTS, NEW_DISK_FORMATS, NIC_MODELS } from '../model/hardware.js';
import { diskInfo, vmRef } from './schemas.js';

const objectName = z.string().min(1).max(255);
const mac = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i, 'a MAC address such as 52:54:00:12:34:56');
/** A guest device name such as vdb or sda. */
const target = z.string().regex(/^[a-z]{2,3}[a-z]{1,2}$/, 'a device name such as vdb or sda');
/** Where a change goes: absent both, a running VM gets both where libvirt allows, a shut-off one its config. */
const scope = { live: z.boolean().optional(), config: z.boolean().optional() };

const hwNic = z.object({ mac: z.string(), type: z.string(), source: z.string().nullable(), model: z.string().nullable(), linkUp: z.boolean() });
const hwState = z.object({
  vcpus: z.number(),
  maxVcpus: z.number(),
  memoryMiB: z.number(),
  maxMemoryMiB: z.number(),
  disks: z.array(diskInfo),
  nics: z.array(hwNic),
  boot: z.array(z.string()),
  bootMenu: z.boolean(),
});
export const hardwareView = z.object({ running: z.boolean(), autostart: z.boolean(), config: hwState, live: hwState.nullable() });
export const hwChangeResult = z.object({ running: z.boolean(), live: z.array(z.enum(HW_PARTS)), config: z.array(z.enum(HW_PARTS)) });

export const setResourcesInput = z
  .object({
    ref: vmRef,
    vcpus: z.number().int().min(1).max(4096).optional(),
    maxVcpus: z.number().int().min(1).max(4096).optional(),
    memoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).optional(),
    maxMemoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).optional(),
    ...scope,
  })
  .strict();

export const attachDiskInput = z
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
  .refine((v) => (v.volume === undefined) !== (v.newVolume === undefined), { message: 'give volume or newVolume, not both', path: ['volume'] });

export const detachDiskInput = z.object({ ref: vmRef, target, deleteVolume: z.boolean().optional(), ...scope }).strict();

/** Media into a CD-ROM drive (null: eject); the first drive unless `target`. */
export const setCdromInput = z
  .object({ ref: vmRef, target: target.optional(), volume: z.object({ pool: objectName, volume: objectName }).strict().nullable(), ...scope })
  .strict();

export const addNicInput = z
  .object({
    ref: vmRef,
    network: objectName,
    model: z.enum(NIC_MODELS).optional(),
    mac: mac.optional(),
    /** An address from the network's IPAM ('auto' or a CIDR/IP); default 'auto' on a network with IPAM. */
    ip: z.string().min(1).max(64).optional(),
    ...scope,
  })
  .strict();
export const removeNicInput = z.object({ ref: vmRef, mac, ...scope }).strict();
export const setNicLinkInput = z.object({ ref: vmRef, mac, up: z.boolean(), ...scope }).strict();
export const setBootInput = z
  .object({ ref: vmRef, order: z.array(z.enum(BOOT_DEVICES)).min(1).max(3).optional(), menu: z.boolean().optional() })
  .strict();

// Schemas of the New VM calls: host caps, OS presets, vm create/validate (shared/model/new-vm.ts).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { DOWNLOADERS, FIRMWARES, VIRT_TYPES } from '../model/new-vm.js';
import { errorReport } from './error-schema.js';
import { hostName } from './schemas.js';

const name = lazySchema(() => z.string().min(1).max(255));
const volumeRef = lazySchema(() => z.object({ pool: name, volume: name }).strict());
const virtType = lazySchema(() => z.enum(VIRT_TYPES));
const firmware = lazySchema(() => z.enum(FIRMWARES));

export const hostCaps = lazySchema(() => z.object({
  host: z.string(),
  arch: z.string(),
  virtTypes: z.array(virtType),
  machines: z.array(z.string()),
  firmware: z.object({ bios: z.boolean(), uefi: z.boolean(), secureBoot: z.boolean(), loaders: z.array(z.string()) }),
  tpm: z.object({ supported: z.boolean(), models: z.array(z.string()), backends: z.array(z.string()), versions: z.array(z.string()) }),
  cpuModels: z.array(z.string()),
  cpuModes: z.array(z.string()),
  virtType,
}));

export const osPreset = lazySchema(() => z.object({
  id: z.string(),
  family: z.enum(['linux', 'windows', 'generic']),
  machine: z.enum(['q35', 'pc']),
  firmware,
  tpm: z.boolean(),
  bus: z.enum(['virtio', 'sata']),
  clock: z.enum(['utc', 'localtime']),
  hyperv: z.boolean(),
  vcpus: z.number().int(),
  memoryMiB: z.number().int(),
  diskBytes: z.number().int(),
}));

export const osList = lazySchema(() => z.object({ presets: z.array(osPreset), hostOs: z.array(z.string()).nullable() }));

const convert = lazySchema(() => z.literal('qcow2').optional());
const vmSource = lazySchema(() => z.union([
  z.object({ kind: z.literal('cdrom'), iso: volumeRef }).strict(),
  z.object({ kind: z.literal('cdrom'), url: z.string().min(1).max(4096), sha256: z.string().max(200).optional() }).strict(),
  z.object({ kind: z.literal('import'), disk: volumeRef, convert }).strict(),
  z.object({ kind: z.literal('import'), path: z.string().min(1).max(4096), convert }).strict(),
  z.object({ kind: z.literal('pxe') }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]));

export const vmCreateSpec = lazySchema(() => z.object({
  host: hostName,
  name: z.string().max(255),
  source: vmSource,
  os: z.string().min(1).max(100).optional(),
  vcpus: z.number().int().min(1).max(4096).optional(),
  memoryMiB: z.number().int().min(16).optional(),
  diskBytes: z.number().int().min(0).optional(),
  pool: name.optional(),
  networks: z.array(name).max(16).optional(),
  firmware: firmware.optional(),
  tpm: z.boolean().optional(),
  virtType: virtType.optional(),
  drivers: volumeRef.optional(),
  start: z.boolean().optional(),
}).strict());

const issue = lazySchema(() => errorReport.and(z.object({ field: z.string() })));

export const vmCreateValidation = lazySchema(() => z.object({
  ok: z.boolean(),
  errors: z.array(issue),
  warnings: z.array(issue),
  plan: z.object({
    host: z.string(),
    name: z.string(),
    preset: z.string(),
    firmware,
    tpm: z.boolean(),
    virtType,
    vcpus: z.number().int(),
    memoryMiB: z.number().int(),
    bus: z.enum(['virtio', 'sata']),
    newDisk: z.object({ pool: z.string(), volume: z.string(), bytes: z.number() }).nullable(),
    importFormat: z.string().nullable(),
    convert: z.object({ from: z.string(), to: volumeRef }).nullable(),
    download: z.object({ url: z.string(), sha256: z.string().nullable(), pool: z.string(), volume: z.string(), tool: z.enum(DOWNLOADERS) }).nullable(),
    domainXml: z.string(),
  }).nullable(),
}));

export const vmCreateResult = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  started: z.boolean(),
  createdVolumes: z.array(z.string()),
  warnings: z.array(issue),
}));

// zod schemas of cloud-init instances (shared/model/instance.ts): image library, flavors, IPAM, launch.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { errorReport } from './error-schema.js';
import { hostName } from './schemas.js';

const bytes = lazySchema(() => z.number().int().nonnegative());
const ipv4 = lazySchema(() => z.string().min(7).max(15));

export const imageInfo = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  pool: z.string(),
  volume: z.string(),
  path: z.string().nullable(),
  format: z.string().nullable(),
  virtualSize: bytes.nullable(),
  sizeOnDisk: bytes.nullable(),
  sha256: z.string().nullable(),
  source: z.string(),
  os: z.string().nullable(),
  defaultUser: z.string().nullable(),
  addedAt: z.string(),
}));

export const knownImage = lazySchema(() => z.object({
  id: z.string(),
  distro: z.string(),
  release: z.string(),
  url: z.string(),
  checksumsUrl: z.string().nullable(),
  defaultUser: z.string(),
  format: z.enum(['qcow2', 'raw']),
}));

/** Where a new image comes from: a file on this machine, a URL the host downloads, or a volume already there. */
export const imageSource = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('url'), url: z.string().url().max(4096) }).strict(),
  z.object({ kind: z.literal('volume'), pool: z.string().min(1).max(255), volume: z.string().min(1).max(255) }).strict(),
]));

export const imageAddInput = lazySchema(() => z.object({
  host: hostName,
  source: imageSource,
  name: z.string().min(1).max(100).optional(),
  pool: z.string().min(1).max(255).optional(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  defaultUser: z.string().min(1).max(32).optional(),
}).strict());

export const flavor = lazySchema(() => z.object({
  name: z.string().min(1).max(64),
  vcpus: z.number().int().min(1),
  memoryMiB: z.number().int().min(1),
  diskBytes: bytes,
}));

const range = lazySchema(() => z.object({ start: ipv4, end: ipv4 }));

export const ipamSettings = lazySchema(() => z.object({
  cidr: z.string().min(9).max(18),
  gateway: ipv4,
  dns: z.array(ipv4).max(8),
  search: z.array(z.string().min(1).max(253)).max(8),
  range: range.nullable(),
  reserved: z.array(ipv4).max(4096),
}).strict());

/** IPAM settings as typed, for the check: any text, so the core says what is wrong with each value. */
const text = lazySchema(() => z.string().max(256));
export const ipamDraft = lazySchema(() => z.object({
  cidr: text,
  gateway: text,
  dns: z.array(text).max(8),
  search: z.array(text).max(8),
  range: z.object({ start: text, end: text }).nullable(),
  reserved: z.array(text).max(4096),
}).strict());

export const ipamConfig = lazySchema(() => ipamSettings.extend({ host: z.string(), network: z.string(), kind: z.enum(['network', 'bridge']) }));

export const ipamView = lazySchema(() => z.object({
  config: ipamConfig,
  addresses: z.array(z.object({
    ip: z.string(),
    state: z.enum(['free', 'used', 'gateway', 'dns', 'reserved', 'network', 'broadcast']),
    inRange: z.boolean(),
    holders: z.array(z.object({ ip: z.string(), holder: z.string(), source: z.enum(['inventory', 'guest-agent', 'dhcp-lease', 'reservation']), by: z.string().optional() })),
  })),
  free: z.number().int(),
  used: z.number().int(),
}));

export const launchSpec = lazySchema(() => z.object({
  name: z.string().min(1).max(63),
  host: z.string().min(1).max(64),
  image: z.string().min(1).max(100),
  flavor: z.string().min(1).max(64).optional(),
  size: z.object({ vcpus: z.number().int().min(1), memoryMiB: z.number().int().min(1), diskBytes: bytes }).strict().optional(),
  network: z.string().min(1).max(255),
  ip: z.string().min(1).max(18).optional(),
  users: z.array(z.object({
    name: z.string().min(1).max(32).optional(),
    sshAuthorizedKeys: z.array(z.string().max(16_384)).max(64),
    passwordHash: z.string().max(256).optional(),
    sudo: z.boolean().optional(),
  }).strict()).max(16),
  sshPwauth: z.boolean().optional(),
  packages: z.array(z.string().max(255)).max(256).optional(),
  runcmd: z.array(z.union([z.string().max(8192), z.array(z.string().max(8192))])).max(256).optional(),
  extraUserData: z.string().max(1_000_000).optional(),
  virtType: z.enum(['kvm', 'qemu']).optional(),
  wait: z.boolean().optional(),
  waitTimeoutSec: z.number().int().min(1).max(86_400).optional(),
}).strict());

/**
 * A spec as the wizard has it while it is being filled in: names may still be empty, so that the core's own checks
 * (launch-planner.ts) report every problem by field at once instead of the schema stopping at the first empty one.
 */
export const launchDraft = lazySchema(() => launchSpec.extend({
  name: z.string().max(63),
  host: z.string().max(64),
  image: z.string().max(100),
  network: z.string().max(255),
  ip: z.string().max(18).optional(),
}));

const launchIssue = lazySchema(() => errorReport.and(z.object({ field: z.string() })));

const placement = lazySchema(() => z.object({
  by: z.enum(['user', 'auto']),
  host: z.string(),
  candidates: z.array(
    z.object({
      host: z.string(), problem: errorReport.nullable(), freeMemory: bytes, cpus: z.number().int(), poolFree: bytes, pool: z.string(), imageFrom: z.string().nullable(),
    }),
  ),
}));

export const launchPlan = lazySchema(() => z.object({
  name: z.string(),
  host: z.string(),
  placement,
  image: imageInfo,
  imageFrom: z.string().nullable(),
  vcpus: z.number().int(),
  memoryMiB: z.number().int(),
  diskBytes: bytes,
  network: z.string(),
  networkKind: z.enum(['network', 'bridge']),
  address: z.string().nullable(),
  gateway: z.string().nullable(),
  mac: z.string(),
  virtType: z.enum(['kvm', 'qemu']),
  pool: z.string(),
  diskVolume: z.string(),
  seedVolume: z.string(),
}));

export const launchValidation = lazySchema(() => z.object({
  ok: z.boolean(),
  errors: z.array(launchIssue),
  warnings: z.array(launchIssue),
  plan: launchPlan.nullable(),
}));

export const launchPreview = lazySchema(() => z.object({
  plan: launchPlan,
  userData: z.string(),
  metaData: z.string(),
  networkConfig: z.string().nullable(),
  domainXml: z.string(),
}));

export const launchResult = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  ip: z.string().nullable(),
  mac: z.string(),
  placement,
  timings: z.record(z.string(), z.number()),
  cloudInit: z.string().nullable(),
}));

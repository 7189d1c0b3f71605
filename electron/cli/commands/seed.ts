// virtdeck seed --out FILE --hostname NAME ...: a NoCloud seed ISO written locally, no host involved.
import { buildInstanceSeed, type InstanceSpec } from '../../core/cloudinit/index.js';
import { writeSeedFile } from '../../core/cloudinit/seed-file.js';
import { UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import type { Run } from '../table/types.js';
import { userFromArgs } from './cloud-user.js';

const list = (text: string | undefined): string[] => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

export const seed: Run = async (ctx, args) => {
  const file = args.get('out') as string;
  const hostname = args.get('hostname') as string;
  const ip = args.get('ip');
  const mac = args.get('mac');
  const gateway = args.get('gateway');
  if (ip && (!mac || !gateway)) throw new UsageError('a static --ip needs --gateway and --mac (network-config matches the NIC by its MAC)');
  if (!ip && (gateway || args.has('dns') || args.has('search'))) throw new UsageError('--gateway, --dns and --search need --ip');
  const { user, extraUserData } = userFromArgs(args, 'virtdeck');
  const spec: InstanceSpec = {
    hostname,
    ...(args.get('fqdn') ? { fqdn: args.get('fqdn') as string } : {}),
    users: [{ name: user.name, sshAuthorizedKeys: user.sshAuthorizedKeys, sudo: true, ...(user.passwordHash ? { passwordHash: user.passwordHash } : {}) }],
    sshPwauth: Boolean(user.passwordHash),
    packages: [],
    runcmd: [],
    ...(extraUserData ? { extraUserData } : {}),
    network: ip && mac && gateway
      ? { mode: 'static', mac, address: ip, gateway, dns: list(args.get('dns')), search: list(args.get('search')) }
      : { mode: 'dhcp', ...(mac ? { mac } : {}) },
  };
  const seed = buildInstanceSeed(spec);
  try {
    writeSeedFile(file, seed.iso);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} exists already; choose a new file name`);
    throw err;
  }
  for (const n of seed.notes) ctx.out.stderr(`${n.severity}: ${n.path}: ${errorWords(n.problem)}\n`);
  ctx.out.stderr(`wrote ${file} (${seed.iso.length} bytes, instance-id ${seed.instanceId}, user ${user.name})\n`);
  return 0;
};

// A clone of a VirtDeck instance gets its own NoCloud seed, made from its source's: a new instance-id (cloud-init
// runs its per-instance modules again: new SSH host keys, hostname), the clone's name as hostname, a new
// /etc/machine-id once (the copied disk has the source's; cloud-init does not renew it), and the NIC config following
// the clone's MAC and, when IPAM gave it one, its own address. Users, keys and the rest stay.
import { isSeq, parseDocument } from 'yaml';
import { newInstanceId, renderMetaData } from '../../cloudinit/meta-data.js';
import { renderNetworkConfig } from '../../cloudinit/network-config.js';
import type { NetworkSpec, SeedFiles } from '../../cloudinit/types.js';

export interface SeedIdentity {
  name: string;
  /** The source NIC's MAC and the clone's (the network config matches the NIC by MAC). */
  mac: { from: string; to: string } | null;
  /** The clone's static address (IPAM); null keeps the source's network mode. */
  network: Extract<NetworkSpec, { mode: 'static' }> | null;
}

export function cloneSeedFiles(files: SeedFiles, id: SeedIdentity): SeedFiles {
  const networkConfig = id.network
    ? renderNetworkConfig(id.network)
    : id.mac && files.networkConfig !== undefined
      ? files.networkConfig.replace(new RegExp(escapeRegExp(id.mac.from), 'gi'), id.mac.to.toLowerCase())
      : files.networkConfig;
  return {
    userData: renamedUserData(files.userData, id.name),
    metaData: renderMetaData(newInstanceId(id.name), id.name),
    ...(networkConfig === undefined ? {} : { networkConfig }),
  };
}

/** Run once per instance-id, early at boot: the clone's own machine id (systemd makes one when the file is empty). */
export const NEW_MACHINE_ID_BOOTCMD = ['cloud-init-per', 'instance', 'virtdeck-machine-id', 'sh', '-c', 'rm -f /etc/machine-id && systemd-machine-id-setup'];

/**
 * hostname (and the first label of fqdn) become the clone's name, a bootcmd renews the machine id; comments, the
 * header and the rest are kept.
 */
function renamedUserData(text: string, name: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw doc.errors[0]!;
  if (doc.has('hostname')) doc.set('hostname', name);
  const fqdn = doc.get('fqdn');
  if (typeof fqdn === 'string' && fqdn.includes('.')) doc.set('fqdn', `${name}${fqdn.slice(fqdn.indexOf('.'))}`);
  const bootcmd = doc.get('bootcmd');
  const entry = doc.createNode(NEW_MACHINE_ID_BOOTCMD);
  if (isSeq(bootcmd)) {
    if (!bootcmd.items.some((i) => isSeq(i) && JSON.stringify(i.toJSON()) === JSON.stringify(NEW_MACHINE_ID_BOOTCMD))) bootcmd.add(entry);
  } else doc.set('bootcmd', doc.createNode([entry]));
  return doc.toString();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

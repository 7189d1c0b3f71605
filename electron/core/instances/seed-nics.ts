// A NIC's IPAM address written into a VirtDeck instance's own NoCloud seed: the seed's user-data asks cloud-init for
// network updates at every boot (user-data.ts), so the guest configures the NIC from the seed at its next boot. A VM
// VirtDeck did not launch has no seed and nothing is written.
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { withNicAddress } from '../cloudinit/network-config.js';
import { quietContext } from '../tasks/task-service.js';
import { readSeedVolume, rewriteSeedVolume } from './seed-volume.js';

/** A seed is a few KiB: a minute is ample even on a slow link. */
const SEED_IO_MS = 60_000;

/**
 * Sets (address `ip/prefix`) or removes (null) the seed's entry for the NIC of `mac`. True when the seed changed;
 * false for a VM without a seed or a seed whose network config cannot take the entry (cloud-init's DHCP fallback).
 */
export async function setSeedNicAddress(
  inventory: Inventory, lv: LibvirtConnection, vm: { host: string; uuid: string }, mac: string, address: string | null,
): Promise<boolean> {
  const instance = inventory.instances.getInstance(vm.host, vm.uuid);
  if (!instance) return false;
  const ctx = quietContext(AbortSignal.timeout(SEED_IO_MS));
  const vol = await lv.storageVolLookupByName(await lv.storagePoolLookupByName(instance.pool), instance.seedVolume);
  const files = await readSeedVolume(lv, vol, ctx);
  const networkConfig = withNicAddress(files.networkConfig, mac, address);
  if (networkConfig === undefined || networkConfig === files.networkConfig) return false;
  await rewriteSeedVolume(lv, vol, { ...files, networkConfig }, ctx);
  return true;
}

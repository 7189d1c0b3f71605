// What the services of libvirt objects (pools, networks) share: a list over one or every online host, and the
// find → change → read-back shape of a lifecycle call.
import type { LibvirtApi } from '../../libvirt/api.js';
import type { LibvirtHosts } from './host-registry.js';

/** The objects of `host`, or of every online host, sorted by host and then name. */
export async function listOnHosts<T extends { host: string; name: string }, L extends LibvirtApi>(
  hosts: Pick<LibvirtHosts, 'namesOrOnline'> & { libvirt(name: string): L },
  host: string | undefined,
  listOne: (host: string, lv: L) => Promise<T[]>,
): Promise<T[]> {
  const all = await Promise.all(hosts.namesOrOnline(host).map((h) => listOne(h, hosts.libvirt(h))));
  return all.flat().sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name));
}

/** Finds an object, changes it (a failure of the change goes through `failed`), and reads it back. */
export async function changeOne<R, T>(
  ref: R | Promise<R>,
  change: (ref: R) => Promise<void>,
  failed: (err: unknown) => unknown,
  read: (ref: R) => Promise<T>,
): Promise<T> {
  const found = await ref;
  try {
    await change(found);
  } catch (err) {
    throw failed(err);
  }
  return read(found);
}

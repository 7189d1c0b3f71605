// Setting up and tearing down the cloud-init test guest on a test-bed host with plain virsh (not the code under
// test): an isolated network without DHCP, the guest's own dir pool with the test image as base of a linked
// clone and the seed ISO, the domain; booting it until its agent answers; removing all of it again.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInstanceSeed } from '../../../electron/core/cloudinit/index.js';
import { guestImage } from '../../guest/guest-image.js';
import { agentAnswers, agentExec, waitFor } from './guest-agent.js';
import { diskVolume, guestDomainXml, seedVolume, type GuestDomain } from './guest-domain.js';
import type { GuestHost } from './guest-host.js';

export const BASE_VOLUME = 'base.qcow2';
export const poolDir = (pool: string) => `/var/lib/libvirt/images/${pool}`;

/** virsh <command> on an XML document (virsh reads definitions from files only). */
function defineFrom(h: GuestHost, command: 'define' | 'net-define', xml: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'vd-guest-'));
  try {
    writeFileSync(join(dir, 'def.xml'), xml);
    h.virsh(command, join(dir, 'def.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A raw volume of the file's size with the file's bytes (a qcow2 file shows as qcow2 after pool-refresh). */
function upload(h: GuestHost, pool: string, volume: string, file: string): void {
  h.virsh('vol-create-as', pool, volume, String(statSync(file).size), '--format', 'raw');
  h.virsh('vol-upload', '--pool', pool, volume, file);
}

/** The seed ISO of a guest without users at a static address (the tests reach it through its agent). */
export function staticSeedIso(hostname: string, mac: string, address: string, gateway: string): Uint8Array {
  return buildInstanceSeed({
    hostname, users: [], sshPwauth: false, packages: [], runcmd: [], network: { mode: 'static', mac, address, gateway, dns: [], search: [] },
  }).iso;
}

/** An isolated network (no <forward>, no <dhcp>) with the gateway address on a /24, started. */
export function defineIsolatedNetwork(h: GuestHost, net: { name: string; bridge: string; gateway: string }): void {
  defineFrom(h, 'net-define', `<network><name>${net.name}</name><bridge name='${net.bridge}' stp='off' delay='0'/>
  <ip address='${net.gateway}' netmask='255.255.255.0'/></network>`);
  h.virsh('net-start', net.name);
}

export interface DefinedGuest {
  /** Path on the host of the guest's disk (a 4 GiB qcow2 overlay on the pool's base.qcow2). */
  diskPath: string;
  timings: { baseUploadS: number; seedUploadS: number };
}

/** Makes the dir pool `spec.pool`, uploads the test image into it as base.qcow2,
 *  a linked clone of it as the guest's disk and the seed ISO, then defines the domain (not started). */
export function defineGuest(h: GuestHost, spec: GuestDomain & { seedIso: Uint8Array }): DefinedGuest {
  const image = guestImage();
  const { pool, name } = spec;
  h.virsh('pool-define-as', pool, 'dir', '--target', poolDir(pool));
  h.virsh('pool-build', pool);
  h.virsh('pool-start', pool);

  let t = Date.now();
  upload(h, pool, BASE_VOLUME, image.qcow2);
  h.virsh('pool-refresh', pool);
  const baseUploadS = (Date.now() - t) / 1000;
  const basePath = h.virsh('vol-path', '--pool', pool, BASE_VOLUME);
  h.virsh('vol-create-as', pool, diskVolume(name), '4G', '--format', 'qcow2', '--backing-vol', basePath, '--backing-vol-format', 'qcow2');

  t = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'vd-seed-iso-'));
  try {
    writeFileSync(join(dir, 'seed.iso'), spec.seedIso);
    upload(h, pool, seedVolume(name), join(dir, 'seed.iso'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seedUploadS = (Date.now() - t) / 1000;

  defineFrom(h, 'define', guestDomainXml(spec));
  return { diskPath: h.virsh('vol-path', '--pool', pool, diskVolume(name)), timings: { baseUploadS, seedUploadS } };
}

const TAIL_MARK = '\n--- serial console tail ---\n';

/** Runs fn; a failure carries the last lines of the guest's serial console (once, however deeply nested). */
export async function withSerialTail<T>(h: GuestHost, domain: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const message = (e as Error).message;
    if (message.includes(TAIL_MARK)) throw e;
    let tail: string;
    try {
      tail = readFileSync(h.serialLog(domain), 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      tail = '(no serial log)';
    }
    throw new Error(`${message}${TAIL_MARK}${tail}`);
  }
}

/** Waits until the guest agent answers; returns the seconds waited. */
export async function waitForAgent(h: GuestHost, domain: string, what = 'the guest agent', timeoutMs = 400_000): Promise<number> {
  const t0 = Date.now();
  await withSerialTail(h, domain, () => waitFor(what, timeoutMs, () => agentAnswers(h.hostVirsh, h.index, domain)));
  return (Date.now() - t0) / 1000;
}

/** Starts the guest and waits for its agent; returns the seconds from start to the agent's first answer. */
export async function bootGuest(h: GuestHost, domain: string): Promise<number> {
  const t0 = Date.now();
  h.virsh('start', domain);
  await waitForAgent(h, domain);
  return (Date.now() - t0) / 1000;
}

/** `sh -c cmd` in the guest through its agent; returns trimmed stdout. */
export function guestShell(h: GuestHost, domain: string): (cmd: string) => Promise<string> {
  return async (cmd) => (await agentExec(h.hostVirsh, h.index, domain, ['/bin/sh', '-c', cmd])).stdout.trim();
}

/** Removes what the tests made, whatever is left of it: domains (with snapshot metadata and serial logs), a dir
 *  pool with every file in it, a network. */
export function removeGuests(h: GuestHost, what: { domains: string[]; pool?: string; network?: string }): void {
  for (const d of what.domains) {
    h.quiet('destroy', d);
    h.quiet('undefine', d, '--snapshots-metadata');
    rmSync(h.serialLog(d), { force: true });
  }
  if (what.pool) {
    h.quiet('pool-destroy', what.pool);
    h.inHost('rm', '-rf', poolDir(what.pool));
    h.quiet('pool-undefine', what.pool);
  }
  if (what.network) {
    h.quiet('net-destroy', what.network);
    h.quiet('net-undefine', what.network);
  }
}

// The QEMU guest agent through libvirt (libvirt-qemu's agent command): ping, run a command and wait for it,
// read the guest's interfaces. Used to know when a new instance is ready and which address it took.
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';

export interface GuestExecResult {
  exitcode: number;
  stdout: string;
  stderr: string;
}

export interface GuestInterface {
  name: string;
  mac: string | null;
  /** CIDR form. */
  ipv4: string[];
}

async function command<T>(lv: LibvirtConnection, dom: DomainRef, execute: string, args: object | undefined, timeoutSec: number): Promise<T> {
  const reply = await lv.domainAgentCommand(dom, JSON.stringify(args ? { execute, arguments: args } : { execute }), timeoutSec);
  if (reply === null) throw new CoreError('guest.agent-no-answer', { vm: dom.name, command: execute });
  return (JSON.parse(reply) as { return: T }).return;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });
}

/** Resolves once the agent answers a ping; rejects after the deadline (epoch ms). */
export async function waitForAgent(lv: LibvirtConnection, dom: DomainRef, deadline: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    const ok = await command(lv, dom, 'guest-ping', undefined, 2).then(
      () => true,
      (err: unknown) => {
        if (lv.closed) throw err; // the link to the host is gone: no answer will come over it
        return false;
      },
    );
    if (ok) return;
    if (Date.now() > deadline) throw new CoreError('guest.agent-timeout', { vm: dom.name });
    await sleep(2000, signal);
  }
}

/** Runs argv in the guest and waits for it to exit (guest-exec + guest-exec-status). */
export async function guestExec(lv: LibvirtConnection, dom: DomainRef, argv: string[], deadline: number, signal: AbortSignal): Promise<GuestExecResult> {
  const [path, ...arg] = argv;
  const { pid } = await command<{ pid: number }>(lv, dom, 'guest-exec', { path, arg, 'capture-output': true }, 10);
  for (;;) {
    signal.throwIfAborted();
    const s = await command<{ exited: boolean; exitcode?: number; 'out-data'?: string; 'err-data'?: string }>(lv, dom, 'guest-exec-status', { pid }, 10);
    if (s.exited) {
      const text = (b64?: string) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
      return { exitcode: s.exitcode ?? -1, stdout: text(s['out-data']), stderr: text(s['err-data']) };
    }
    if (Date.now() > deadline) throw new CoreError('guest.exec-timeout', { vm: dom.name, command: argv.join(' ') });
    await sleep(1000, signal);
  }
}

export async function guestInterfaces(lv: LibvirtConnection, dom: DomainRef): Promise<GuestInterface[]> {
  const list = await command<Array<{ name: string; 'hardware-address'?: string; 'ip-addresses'?: Array<{ 'ip-address-type': string; 'ip-address': string; prefix: number }> }>>(
    lv, dom, 'guest-network-get-interfaces', undefined, 10,
  );
  return list.map((i) => ({
    name: i.name,
    mac: i['hardware-address']?.toLowerCase() ?? null,
    ipv4: (i['ip-addresses'] ?? []).filter((a) => a['ip-address-type'] === 'ipv4').map((a) => `${a['ip-address']}/${a.prefix}`),
  }));
}

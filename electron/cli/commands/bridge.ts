// virtdeck bridge list|nics|create|delete|confirm|status HOST ...
import type { BridgeTxn } from '../../../shared/model/bridge.js';
import type { Core } from '../../core/core.js';
import { parseArgs, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHost } from './pool.js';

const USAGE = `usage: virtdeck bridge list HOST [--json]
       virtdeck bridge nics HOST [--json]                 network stack and NICs (which one carries SSH)
       virtdeck bridge create HOST NIC [--vlan ID] [--name BR] [--rollback SECONDS] [--allow-ssh-nic] [--no-confirm]
       virtdeck bridge delete HOST BR [--rollback SECONDS] [--no-confirm]
       virtdeck bridge confirm|status HOST CHANGE-ID
A change is applied with a rollback timer on the host (default 60 s); without --no-confirm the CLI reconnects
and confirms it at once, otherwise confirm it yourself in time or the host restores the old configuration.`;

function int(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a whole number, got "${text}"`);
  return Number(text);
}

async function settle(core: Core, out: Out, txn: BridgeTxn, confirm: boolean): Promise<number> {
  if (!confirm) {
    out.stdout(`applied ${txn.action} of ${txn.bridge} (${txn.nic}) on ${txn.host}; confirm before ${txn.deadline}:\n  virtdeck bridge confirm ${txn.host} ${txn.id}\n`);
    return 0;
  }
  const done = await core.bridges.confirm(txn.host, txn.id);
  if (done.state !== 'confirmed') {
    out.stderr(`virtdeck: the change was not confirmed in time and the host ${done.state === 'rolled-back' ? 'rolled it back' : `says ${done.state}`}\n`);
    return 1;
  }
  out.stdout(`${txn.action === 'create' ? 'created' : 'deleted'} bridge ${txn.bridge} (${txn.nic}) on ${txn.host}; confirmed\n`);
  return 0;
}

export async function bridgeCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  const svc = core.bridges;
  switch (sub) {
    case 'list':
    case 'ls':
    case 'nics': {
      const args = parseArgs(rest, { json: {} });
      const [host] = args.positionals;
      if (!host || args.positionals.length !== 1) throw new UsageError(USAGE);
      await connectHost(core, host);
      if (sub === 'nics') {
        const net = await svc.detect(host);
        if (args.has('json')) printJson(out, net);
        else {
          out.stdout(`network stack: ${net.stack}\n`);
          printTable(out, ['nic', 'kind', 'state', 'master', 'addresses', 'ssh'], net.nics.map((n) => [
            n.name, n.kind, n.state, n.master ?? '', n.addresses.join(',') || '-', n.carriesSsh ? 'carries this SSH session' : '',
          ]));
        }
        return 0;
      }
      const bridges = await svc.list(host);
      if (args.has('json')) printJson(out, bridges);
      else printTable(out, ['bridge', 'state', 'ports', 'addresses'], bridges.map((b) => [b.name, b.state, b.ports.join(',') || '-', b.addresses.join(',') || '-']));
      return 0;
    }
    case 'create': {
      const args = parseArgs(rest, { vlan: { value: true }, name: { value: true }, rollback: { value: true }, 'allow-ssh-nic': {}, 'no-confirm': {} });
      const [host, nic] = args.positionals;
      if (!host || !nic || args.positionals.length !== 2) throw new UsageError(USAGE);
      await connectHost(core, host);
      const vlan = int(args.get('vlan'), '--vlan');
      const rollbackSeconds = int(args.get('rollback'), '--rollback');
      const name = args.get('name');
      const txn = await svc.create(host, {
        nic,
        ...(vlan === undefined ? {} : { vlan }),
        ...(name === undefined ? {} : { name }),
        ...(rollbackSeconds === undefined ? {} : { rollbackSeconds }),
        allowSshNic: args.has('allow-ssh-nic'),
      });
      return settle(core, out, txn, !args.has('no-confirm'));
    }
    case 'delete':
    case 'rm': {
      const args = parseArgs(rest, { rollback: { value: true }, 'no-confirm': {} });
      const [host, name] = args.positionals;
      if (!host || !name || args.positionals.length !== 2) throw new UsageError(USAGE);
      await connectHost(core, host);
      const rollbackSeconds = int(args.get('rollback'), '--rollback');
      const txn = await svc.remove(host, name, rollbackSeconds === undefined ? {} : { rollbackSeconds });
      return settle(core, out, txn, !args.has('no-confirm'));
    }
    case 'confirm':
    case 'status': {
      const args = parseArgs(rest, { json: {} });
      const [host, id] = args.positionals;
      if (!host || !id || args.positionals.length !== 2) throw new UsageError(USAGE);
      await connectHost(core, host);
      const txn = sub === 'confirm' ? await svc.confirm(host, id) : await svc.status(host, id);
      if (args.has('json')) printJson(out, txn);
      else out.stdout(`${txn.action} ${txn.bridge} (${txn.nic}) on ${host}: ${txn.state}\n`);
      return sub === 'confirm' && txn.state !== 'confirmed' ? 1 : 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

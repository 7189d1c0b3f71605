// virtdeck bridge list|nics|create|delete|confirm|status HOST ...
import type { BridgeTxn } from '../../../shared/model/bridge.js';
import type { Door } from '../door.js';
import { type Out, printJson, printTable } from '../output.js';
import type { Run } from '../table/types.js';
import { doorTo, int, printList } from './common.js';

/** Without --no-confirm: confirm the applied change at once (the host rolls it back otherwise). */
async function settle(door: Door, out: Out, txn: BridgeTxn, confirm: boolean): Promise<number> {
  if (!confirm) {
    out.stdout(`applied ${txn.action} of ${txn.bridge} (${txn.nic}) on ${txn.host}; confirm before ${txn.deadline}:\n  virtdeck bridge confirm ${txn.host} ${txn.id}\n`);
    return 0;
  }
  const done = await door.call('bridges.confirm', { host: txn.host, id: txn.id });
  if (done.state !== 'confirmed') {
    out.stderr(`virtdeck: the change was not confirmed in time and the host ${done.state === 'rolled-back' ? 'rolled it back' : `says ${done.state}`}\n`);
    return 1;
  }
  out.stdout(`${txn.action === 'create' ? 'created' : 'deleted'} bridge ${txn.bridge} (${txn.nic}) on ${txn.host}; confirmed\n`);
  return 0;
}

export const list: Run = async (ctx, args) => {
  const host = args.positionals[0] as string;
  const bridges = await (await doorTo(ctx, host)).call('bridges.list', { host });
  printList(ctx.out, args, bridges, ['bridge', 'state', 'ports', 'addresses'], (b) => [b.name, b.state, b.ports.join(',') || '-', b.addresses.join(',') || '-']);
  return 0;
};

export const nics: Run = async (ctx, args) => {
  const host = args.positionals[0] as string;
  const net = await (await doorTo(ctx, host)).call('bridges.detect', { host });
  if (args.has('json')) printJson(ctx.out, net);
  else {
    ctx.out.stdout(`network stack: ${net.stack}\n`);
    printTable(ctx.out, ['nic', 'kind', 'state', 'master', 'addresses', 'ssh'], net.nics.map((n) => [
      n.name, n.kind, n.state, n.master ?? '', n.addresses.join(',') || '-', n.carriesSsh ? 'carries this SSH session' : '',
    ]));
  }
  return 0;
};

export const create: Run = async (ctx, args) => {
  const [host, nic] = args.positionals as [string, string];
  const vlan = int(args.get('vlan'), 'vlan');
  const rollbackSeconds = int(args.get('rollback'), 'rollback');
  const name = args.get('name');
  const door = await doorTo(ctx, host);
  const spec = {
    nic,
    ...(vlan === undefined ? {} : { vlan }),
    ...(name === undefined ? {} : { name }),
    ...(rollbackSeconds === undefined ? {} : { rollbackSeconds }),
    allowSshNic: args.has('allow-ssh-nic'),
  };
  return settle(door, ctx.out, await door.call('bridges.create', { host, spec }), !args.has('no-confirm'));
};

export const remove: Run = async (ctx, args) => {
  const [host, name] = args.positionals as [string, string];
  const rollbackSeconds = int(args.get('rollback'), 'rollback');
  const door = await doorTo(ctx, host);
  const txn = await door.call('bridges.delete', { host, name, ...(rollbackSeconds === undefined ? {} : { rollbackSeconds }) });
  return settle(door, ctx.out, txn, !args.has('no-confirm'));
};

/** confirm and status: the command's own name says which. */
async function change(ctx: Parameters<Run>[0], args: Parameters<Run>[1], call: 'bridges.confirm' | 'bridges.status'): Promise<BridgeTxn> {
  const [host, id] = args.positionals as [string, string];
  const txn = await (await doorTo(ctx, host)).call(call, { host, id });
  if (args.has('json')) printJson(ctx.out, txn);
  else ctx.out.stdout(`${txn.action} ${txn.bridge} (${txn.nic}) on ${host}: ${txn.state}\n`);
  return txn;
}

export const confirm: Run = async (ctx, args) => ((await change(ctx, args, 'bridges.confirm')).state === 'confirmed' ? 0 : 1);

export const status: Run = async (ctx, args) => {
  await change(ctx, args, 'bridges.status');
  return 0;
};

// virtdeck grant create|list|revoke and console --grant (support mode, serial console in the terminal).
import { readFileSync, writeFileSync } from 'node:fs';
import { grantFileText, type GrantInfo } from '../../../shared/ipc/grant-schemas.js';
import { parseVmRef, UsageError } from '../args.js';
import { printList, connect, int } from './common.js';
import type { Run, ParsedArgs } from '../table/types.js';
import { askHidden } from '../hidden-prompt.js';
import { interactive } from './ssh.js';

const MINUTE = 60_000;

/** The grant's end from exactly one of --hours, --minutes, --until. */
export function grantUntil(args: ParsedArgs, now: Date): string {
  const given = ['hours', 'minutes', 'until'].filter((f) => args.has(f));
  if (given.length !== 1) throw new UsageError('give exactly one of --hours N, --minutes N, --until DATE');
  if (args.has('until')) {
    const at = Date.parse(args.get('until') as string);
    if (Number.isNaN(at)) throw new UsageError(`--until must be a date (ISO-8601), got "${args.get('until')}"`);
    return new Date(at).toISOString();
  }
  const minutes = args.has('hours') ? (int(args.get('hours'), 'hours') as number) * 60 : (int(args.get('minutes'), 'minutes') as number);
  if (minutes < 1) throw new UsageError('a grant lasts at least one minute');
  return new Date(now.getTime() + minutes * MINUTE).toISOString();
}

async function passphrase(args: ParsedArgs, question: string): Promise<string> {
  const file = args.get('passphrase-file');
  if (file !== undefined) {
    const line = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    if (!line) throw new UsageError(`--passphrase-file: ${file} has no passphrase on its first line`);
    return line;
  }
  if (!process.stdin.isTTY) throw new UsageError('give --passphrase-file FILE (stdin is not a terminal to ask on)');
  return askHidden(question);
}

export const create: Run = async (ctx, args) => {
  const ref = parseVmRef(args.positionals[0] as string);
  const until = grantUntil(args, new Date());
  const serial = args.has('serial');
  const vnc = args.has('vnc') || !serial;
  const phrase = await passphrase(args, 'passphrase for the grant file: ');
  const door = await ctx.door({ watch: false });
  await connect(door, ref.host);
  const from = args.all('from');
  const r = await door.call('grants.create', {
    ref,
    for: args.get('for') as string,
    until,
    vnc,
    serial,
    viewOnly: args.has('view-only'),
    ...(from.length ? { from } : {}),
    passphrase: phrase,
    createAccount: args.has('create-account'),
  });
  const out = args.get('out') as string;
  writeFileSync(out, grantFileText(r.file), { mode: 0o600, flag: 'wx' });
  ctx.out.stdout(`${r.grant.id}\n`);
  ctx.out.stderr(`grant ${r.grant.id}: ${ref.host}/${r.grant.vm} for ${r.grant.for} until ${r.grant.until}; grant file ${out}\n`);
  return 0;
};

export const list: Run = async (ctx, args) => {
  const target = args.positionals[0];
  const [host, vm] = target === undefined ? [undefined, undefined] : target.includes('/') ? [parseVmRef(target).host, parseVmRef(target).vm] : [target, undefined];
  const door = await ctx.door({ watch: false });
  await connect(door, host);
  const grants = await door.call('grants.list', { ...(host ? { host } : {}), ...(vm ? { vm } : {}) });
  const kinds = (g: GrantInfo): string => [g.vnc ? `vnc:${g.vncPort}` : '', g.serial ? 'serial' : '', g.viewOnly ? 'view-only' : ''].filter(Boolean).join(',');
  printList(ctx.out, args, grants, ['id', 'host', 'vm', 'for', 'until', 'consoles', 'from'], (g) => [g.id, g.host, g.vm, g.for, g.until, kinds(g), g.from.join(',') || '-']);
  return 0;
};

export const revoke: Run = async (ctx, args) => {
  const door = await ctx.door({ watch: false });
  await connect(door);
  const g = await door.call('grants.revoke', { id: args.positionals[0] as string });
  ctx.out.stderr(`revoked grant ${g.id} (${g.host}/${g.vm} for ${g.for})\n`);
  return 0;
};

export const consoleWithGrant: Run = async (ctx, args) => {
  const file = args.get('grant') as string;
  const text = readFileSync(file, 'utf8');
  const phrase = await passphrase(args, `passphrase of ${file}: `);
  const door = await ctx.door({ watch: false });
  const size = (): { cols: number; rows: number } => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const shell = await door.consoles.openGrantSerial({ file, text }, phrase, { ...size(), term: process.env.TERM || 'xterm-256color' });
  return interactive(shell, size);
};

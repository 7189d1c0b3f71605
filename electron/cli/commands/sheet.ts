// virtdeck export (--csv|--xlsx) [--out FILE] [--bom] and virtdeck import FILE [--apply] [--json]
import { resolve } from 'node:path';
import { report } from '../../../shared/model/errors.js';
import { failedVms, type SheetChange, type SheetPlan } from '../../../shared/model/sheet.js';
import { UTF8_BOM, writeCsv } from '../../../shared/csv.js';
import { formatSize } from '../../core/storage/sizes.js';
import { UsageError } from '../args.js';
import type { Door } from '../door.js';
import { errorWords } from '../error-words.js';
import { printJson, type Out } from '../output.js';
import type { Run } from '../table/types.js';
import { connect } from './common.js';

/** Every host connected (an offline one is said once: its rows come from the inventory). */
async function connectAll(door: Door, out: Out): Promise<void> {
  for (const h of await connect(door)) {
    if (h.status !== 'online') out.stderr(`virtdeck: warning: host ${h.name} is ${h.status}; its VMs are as last seen\n`);
  }
}

export const exportSheet: Run = async (ctx, args) => {
  if (args.has('csv') === args.has('xlsx')) throw new UsageError('give one of --csv or --xlsx');
  const format = args.has('csv') ? 'csv' : 'xlsx';
  const out = args.get('out');
  if (format === 'xlsx' && out === undefined) throw new UsageError('--xlsx needs --out FILE (a workbook is not text)');
  const door = await ctx.door({ watch: false });
  await connectAll(door, ctx.out);
  if (out === undefined) {
    const table = await door.call('sheet.table', {});
    ctx.out.stdout((args.has('bom') ? UTF8_BOM : '') + writeCsv([table.columns, ...table.rows.map((r) => r.map(String))]));
    return 0;
  }
  const file = resolve(out);
  const r = await door.call('sheet.export', { format, file, ...(args.has('bom') ? { bom: true } : {}) });
  ctx.out.stderr(`wrote ${r.vms} VMs to ${file} (${formatSize(r.bytes)})\n`);
  return 0;
};

const shown = (text: string): string => (text === '' ? '(empty)' : JSON.stringify(text).slice(1, -1));
const factName = (c: SheetChange): string => (c.fact === 'field' ? (c.column as string) : c.fact);

/** The preview as lines: per VM its changes and reservations (after an apply, a failed VM's error), then the
 *  conflicts. */
export function planLines(plan: SheetPlan): string[] {
  const lines: string[] = [];
  for (const vm of plan.vms) {
    lines.push(`${vm.host}/${vm.name} (row ${vm.row})${vm.outcome === 'failed' ? ' FAILED' : ''}`);
    for (const c of vm.changes) lines.push(`  ${factName(c)}: ${shown(c.old)} → ${shown(c.new)}`);
    for (const r of vm.reserve) lines.push(`  reserve ${r.ip} in ${vm.host}/${r.network}`);
    if (vm.error) lines.push(`  failed: ${errorWords(vm.error)}`);
  }
  if (plan.vms.length === 0) lines.push(`nothing to change (${plan.rows} rows)`);
  if (plan.ignoredColumns.length > 0) lines.push(`ignored columns: ${plan.ignoredColumns.join(', ')}`);
  if (plan.conflicts.length > 0) {
    lines.push(`${plan.conflicts.length} conflict(s):`);
    for (const c of plan.conflicts) {
      const vm = c.host || c.name ? ` ${[c.host, c.name].filter(Boolean).join('/')}` : '';
      lines.push(`  row ${c.row}${vm}: ${errorWords(c.error)}`);
    }
  }
  return lines;
}

export const importSheet: Run = async (ctx, args) => {
  const file = resolve(args.positionals[0] as string);
  const door = await ctx.door({ watch: false });
  await connectAll(door, ctx.out);
  const preview = await door.call('sheet.preview', { file });
  if (!args.has('apply') || preview.conflicts.length > 0) {
    if (args.has('json')) printJson(ctx.out, preview);
    else ctx.out.stdout(`${planLines(preview).join('\n')}\n`);
    if (!args.has('apply')) {
      if (preview.vms.length > 0 && preview.conflicts.length === 0) ctx.out.stderr('preview only: nothing changed (--apply makes these changes)\n');
      return preview.conflicts.length > 0 ? 1 : 0;
    }
  }
  // sheet.apply checks the sheet again: a conflict found now refuses it (sheet.conflicts) before anything changes.
  // Then it goes VM by VM, on past one that fails: each says what happened.
  const applied = await door.call('sheet.apply', { file });
  if (args.has('json')) printJson(ctx.out, applied);
  else ctx.out.stdout(`${planLines(applied).join('\n')}\n`);
  const landed = applied.vms.filter((v) => v.outcome === 'applied');
  const facts = landed.reduce((n, v) => n + v.changes.length, 0);
  const ips = landed.reduce((n, v) => n + v.reserve.length, 0);
  ctx.out.stderr(`applied ${facts} fact change(s) and ${ips} reservation(s) on ${landed.length} VM(s)\n`);
  const failed = failedVms(applied).length;
  if (failed === 0) return 0;
  ctx.out.stderr(`virtdeck: ${errorWords(report('sheet.partly-applied', { failed, vms: applied.vms.length }))}\n`);
  return 1;
};

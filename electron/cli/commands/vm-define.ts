// virtdeck vm edit HOST/VM ($VISUAL/$EDITOR on the persistent definition, the diff, then a validated define) and
// virtdeck vm define HOST FILE (validated; the diff against the definition it replaces, if any).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasChanges, lineDiff, unifiedDiff } from '../../../shared/model/line-diff.js';
import { report } from '../../../shared/model/errors.js';
import { UsageError } from '../args.js';
import { CallFailed } from '../failure.js';
import type { Run } from '../table/types.js';
import { doorTo, vmTarget } from './common.js';

/** The user's editor as an argv ("code --wait" is a program and a flag; no shell reads it). */
function editorArgv(env: NodeJS.ProcessEnv): string[] {
  const words = (env.VISUAL || env.EDITOR || 'vi').trim().split(/\s+/);
  return words.filter(Boolean);
}

export const edit: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  // A locked VM would refuse the define: say so before the editor opens (the core checks again).
  const vm = (await door.call('vms.list', { host: ref.host })).find((v) => v.name === ref.vm || v.uuid === ref.vm);
  if (vm?.locked) throw new CallFailed(report('vm.locked', { host: ref.host, vm: vm.name }));
  const before = await door.call('xml.read', { target: { kind: 'domain', host: ref.host, name: ref.vm } });
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-edit-'));
  const file = join(dir, `${ref.vm.replace(/[^\w.-]/g, '_')}.xml`);
  writeFileSync(file, before, { mode: 0o600 });
  const [program, ...flags] = editorArgv(process.env);
  const ran = spawnSync(program as string, [...flags, file], { stdio: 'inherit' });
  if (ran.error || ran.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new UsageError(`the editor ${program} ${ran.error ? `did not start (${ran.error.message})` : `exited with status ${ran.status}`}; nothing changed`);
  }
  const after = readFileSync(file, 'utf8');
  const diff = lineDiff(before, after);
  if (!hasChanges(diff)) {
    rmSync(dir, { recursive: true, force: true });
    ctx.out.stderr(`${ref.host}/${ref.vm}: no change\n`);
    return 0;
  }
  ctx.out.stdout(unifiedDiff(diff, { before: `${ref.host}/${ref.vm} (defined)`, after: `${ref.host}/${ref.vm} (edited)` }));
  try {
    await door.call('xml.define', { host: ref.host, kind: 'domain', xml: after, replaces: ref.vm, basedOn: before });
  } catch (err) {
    // A refused edit is not lost: the file stays for another try (`vm define HOST FILE`).
    ctx.out.stderr(`virtdeck: your edit is kept in ${file}\n`);
    throw err;
  }
  rmSync(dir, { recursive: true, force: true });
  ctx.out.stderr(`defined ${ref.host}/${ref.vm}\n`);
  return 0;
};

export const define: Run = async (ctx, args) => {
  const [host, path] = args.positionals as [string, string];
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const door = await doorTo(ctx, host);
  const result = await door.call('xml.define', { host, kind: 'domain', xml });
  if (result.previous !== null) {
    const diff = lineDiff(result.previous, xml);
    ctx.out.stdout(hasChanges(diff) ? unifiedDiff(diff, { before: `${host}/${result.name} (was)`, after: path }) : '');
  }
  ctx.out.stderr(`${result.created ? 'defined new' : 'redefined'} ${host}/${result.name}\n`);
  return 0;
};

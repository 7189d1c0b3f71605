// Bulk actions through the CLI on the real test bed, with tiny OS-less domains on two hosts: a preview changes
// nothing, a bulk snapshot of a tag makes exactly those snapshots (virsh snapshot-list on each host), a bulk destroy
// skips a locked VM with its code and forces off the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, runCli, tempHome, uniq } from './helpers.js';

const tb = testbed();

interface JsonResult {
  outcomes: { host: string; name: string; outcome: string; error: { code: string } | null }[];
  done: number;
  skipped: number;
  failed: number;
}

describe.skipIf(!tb.available)('virtdeck bulk on the test bed (two hosts)', () => {
  const home = tempHome('vd-bulk-');
  // A tag of this run only: other files' VMs on the bed are never matched.
  const tag = uniq('web');
  const web1 = uniq('bulk-web');
  const web2 = uniq('bulk-web');
  const plain1 = uniq('bulk-plain');
  const plain2 = uniq('bulk-plain');
  const all = [[1, web1], [2, web2], [1, plain1], [2, plain2]] as const;
  const snapshots = (host: number, vm: string): string[] => tb.virsh(host, 'snapshot-list', '--name', vm).split('\n').filter(Boolean);

  const ok = async (args: string[]) => {
    const r = await runCli(home, args);
    expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
    return r;
  };

  beforeAll(async () => {
    for (const [host, name] of all) {
      // An internal snapshot needs a qcow2 disk (a diskless domain has nothing to snapshot); it is never booted from.
      tb.virsh(host, 'vol-create-as', 'default', `${name}.qcow2`, '1M', '--format', 'qcow2');
      const path = tb.virsh(host, 'vol-path', '--pool', 'default', `${name}.qcow2`);
      defineTinyDomain(tb, host, name, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`);
    }
    const kh = knownHostsCopy(tb, home);
    for (const i of [1, 2]) await ok(hostAddArgs(tb, i, kh));
    // The tag itself goes on by bulk: both web VMs by name, in one task.
    const tagged = await ok(['bulk', 'tag', `+${tag}`, '--filter', 'name:bulk-web', '--yes', '--json']);
    const result = JSON.parse(tagged.stdout) as JsonResult;
    expect(result.outcomes.filter((o) => o.name === web1 || o.name === web2).map((o) => o.outcome)).toEqual(['done', 'done']);
  });

  afterAll(() => {
    for (const [host, name] of all) {
      for (const cmd of [['destroy', name], ['undefine', '--snapshots-metadata', name], ['vol-delete', '--pool', 'default', `${name}.qcow2`]]) {
        try {
          tb.virsh(host, ...cmd);
        } catch {
          /* not running / gone */
        }
      }
    }
  });

  it('without --yes lists the VMs of the filter on both hosts and changes nothing; vm list --filter lists the same', async () => {
    const r = await ok(['bulk', 'snapshot', 'before', '--filter', `tag:${tag}`]);
    const rows = r.stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join('/')).sort();
    expect(rows).toEqual([`h1/${web1}`, `h2/${web2}`]);
    expect(r.stderr).toBe('these 2 VMs on 2 hosts; nothing done: run again with --yes to snapshot them\n');
    for (const [host, name] of all) expect(snapshots(host, name)).toEqual([]);
    // vm list reads the same filter language.
    const listed = JSON.parse((await ok(['vm', 'list', '--filter', `tag:${tag}`, '--json'])).stdout) as { name: string }[];
    expect(listed.map((v) => v.name).sort()).toEqual([web1, web2].sort());
  });

  it('a bulk snapshot of tag:web… across 2 hosts makes exactly those snapshots', async () => {
    const r = await ok(['bulk', 'snapshot', 'before', '--filter', `tag:${tag}`, '--yes', '--json']);
    const result = JSON.parse(r.stdout) as JsonResult;
    expect(result).toMatchObject({ done: 2, skipped: 0, failed: 0 });
    expect(snapshots(1, web1)).toEqual(['before']);
    expect(snapshots(2, web2)).toEqual(['before']);
    expect(snapshots(1, plain1)).toEqual([]);
    expect(snapshots(2, plain2)).toEqual([]);
    // Again: the name is taken on both, so the preview skips both with the snapshot's own code; nothing runs.
    const again = await ok(['bulk', 'snapshot', 'before', '--filter', `tag:${tag}`, '--json']);
    const preview = JSON.parse(again.stdout) as { runnable: number; targets: { skip: { code: string } | null }[] };
    expect(preview.runnable).toBe(0);
    expect(preview.targets.map((t) => t.skip?.code)).toEqual(['snapshot.exists', 'snapshot.exists']);
  });

  it('a bulk destroy skips the locked VM with vm.locked and forces off the other', async () => {
    for (const [host, name] of [[1, web1], [2, web2]] as const) tb.virsh(host, 'start', name);
    await ok(['vm', 'lock', `h2/${web2}`]);
    const r = await runCli(home, ['bulk', 'destroy', '--filter', `tag:${tag}`, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^h1 +${web1} +done$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^h2 +${web2} +skipped \\(vm.locked: VM "${web2}" on h2 is locked`, 'm'));
    expect(r.stderr).toContain('1 VM done, 1 skipped, 0 failed');
    expect(tb.virsh(1, 'domstate', web1)).toBe('shut off');
    expect(tb.virsh(2, 'domstate', web2)).toBe('running');
  });
});

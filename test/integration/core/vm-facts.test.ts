// A VM's facts are shared through its host: two VirtDeck homes (two VIRTDECK_HOME, two CLI processes each time) on
// the real test bed. What one sets is in `virsh dumpxml` and in the other's `vm list --json`; a lock from one refuses
// the other's destroy; both racing on one VM's tags lose nothing; an offline host's facts are read, not written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sshdControl, tempHome, uniq, waitFor } from './helpers.js';

const tb = testbed();
/** Rounds of the two-process race (a bench-sized run: VIRTDECK_FACTS_RACE_ROUNDS=100). */
const ROUNDS = Number(process.env.VIRTDECK_FACTS_RACE_ROUNDS ?? '20');

interface JsonVm {
  host: string;
  name: string;
  state: string;
  locked: boolean;
  stale: boolean;
  tags: string[];
  owner: string | null;
  notes: string;
  fields: Record<string, string>;
}

describe.skipIf(!tb.available)('VM facts shared through the hosts (two homes)', () => {
  const homeA = tempHome('vd-facts-a-');
  const homeB = tempHome('vd-facts-b-');
  const vm = uniq('facts');
  const raced = uniq('race');
  const away = uniq('away');

  const ok = async (home: string, args: string[], input?: string) => {
    const r = await runCli(home, args, input);
    expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
    return r;
  };
  const listed = async (home: string, host: string, name: string): Promise<JsonVm> => {
    const vms = JSON.parse((await ok(home, ['vm', 'list', '--json', '--host', host])).stdout) as JsonVm[];
    const found = vms.find((v) => v.name === name);
    if (!found) throw new Error(`${name} not listed on ${host}`);
    return found;
  };

  beforeAll(async () => {
    defineTinyDomain(tb, 1, vm);
    defineTinyDomain(tb, 1, raced);
    defineTinyDomain(tb, 2, away);
    for (const home of [homeA, homeB]) {
      const kh = knownHostsCopy(tb, home);
      for (const i of [1, 2]) await ok(home, hostAddArgs(tb, i, kh));
    }
  });

  afterAll(() => {
    sshdControl(tb, 2).start();
    for (const [host, name] of [[1, vm], [1, raced], [2, away]] as const) purgeDomain(tb, host, name);
  });

  it('tags, owner and multi-line notes set in home A are in virsh dumpxml and in home B', async () => {
    expect((await ok(homeA, ['vm', 'tag', `h1/${vm}`, '+web', 'prod', '+db'])).stdout).toBe('db prod web\n');
    expect((await ok(homeA, ['vm', 'tag', `h1/${vm}`, '-db'])).stdout).toBe('prod web\n');
    await ok(homeA, ['vm', 'owner', `h1/${vm}`, 'alice']);
    const notes = 'rack 4, slot 2\nrestart only on weekends & <never> on Fridays';
    await ok(homeA, ['vm', 'note', `h1/${vm}`, '-'], `${notes}\n`);
    await ok(homeA, ['vm', 'column', 'define', 'tier', '--kind', 'choice', '--choices', 'gold,silver']);
    await ok(homeA, ['vm', 'field', `h1/${vm}`, 'tier', 'gold']);

    const xml = tb.virsh(1, 'dumpxml', '--inactive', vm);
    expect(xml).toContain('>web</vdtag:tag>');
    expect(xml).toContain('>prod</vdtag:tag>');
    expect(xml).not.toContain('>db</vdtag:tag>');
    expect(xml).toContain('>alice</vdowner:owner>');
    expect(xml).toContain('restart only on weekends &amp; &lt;never&gt; on Fridays</vdnotes:notes>');
    expect(xml).toContain('>gold</vdfield:value>');

    expect(await listed(homeB, 'h1', vm)).toMatchObject({ tags: ['prod', 'web'], owner: 'alice', notes, fields: { tier: 'gold' }, stale: false });
    // Home B did not define the column; its value shows anyway, and B can show it once B defines it.
    await ok(homeB, ['vm', 'column', 'define', 'tier']);
    const table = (await ok(homeB, ['vm', 'list', '--host', 'h1', '--columns', 'name,owner,tags,tier,notes'])).stdout;
    expect(table).toMatch(new RegExp(`^${vm} +alice +prod,web +gold +rack 4, slot 2 …$`, 'm'));
    // Cleared in B, gone in A.
    await ok(homeB, ['vm', 'owner', `h1/${vm}`, '--clear']);
    await ok(homeB, ['vm', 'note', `h1/${vm}`, '--clear']);
    expect(await listed(homeA, 'h1', vm)).toMatchObject({ owner: null, notes: '', tags: ['prod', 'web'] });
    expect(tb.virsh(1, 'dumpxml', vm)).not.toContain('vdowner');
  });

  it('a lock set from home A refuses vm destroy from home B; unlocked from B, the destroy runs', async () => {
    tb.virsh(1, 'start', vm);
    await ok(homeA, ['vm', 'lock', `h1/${vm}`]);
    expect(tb.virsh(1, 'dumpxml', vm)).toContain('<vdlock:lock');
    // Live and config alike: the lock survives the guest's restart.
    expect(tb.virsh(1, 'dumpxml', '--inactive', vm)).toContain('<vdlock:lock');
    const refused = await runCli(homeB, ['vm', 'destroy', `h1/${vm}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`VM "${vm}" on h1 is locked`);
    expect(tb.virsh(1, 'domstate', vm)).toBe('running');
    expect(await listed(homeB, 'h1', vm)).toMatchObject({ locked: true });
    await ok(homeB, ['vm', 'unlock', `h1/${vm}`]);
    await ok(homeA, ['vm', 'destroy', `h1/${vm}`]);
    expect(tb.virsh(1, 'domstate', vm)).toBe('shut off');
  });

  it(`two homes racing on one VM's tags for ${ROUNDS} rounds lose no update`, { timeout: 60_000 + ROUNDS * 20_000 }, async () => {
    // Each round both homes add a tag and remove the one the same home seeded: every change must survive.
    const seeds = Array.from({ length: ROUNDS }, (_, i) => [`seed-a-${i}`, `seed-b-${i}`]).flat();
    for (let i = 0; i < seeds.length; i += 50) await ok(homeA, ['vm', 'tag', `h1/${raced}`, ...seeds.slice(i, i + 50)]);
    for (let i = 0; i < ROUNDS; i++) {
      await Promise.all([
        ok(homeA, ['vm', 'tag', `h1/${raced}`, `+a-${i}`, `-seed-a-${i}`]),
        ok(homeB, ['vm', 'tag', `h1/${raced}`, `-seed-b-${i}`, `+b-${i}`]),
      ]);
    }
    const want = Array.from({ length: ROUNDS }, (_, i) => [`a-${i}`, `b-${i}`]).flat().sort();
    const xml = tb.virsh(1, 'dumpxml', '--inactive', raced);
    const onHost = [...xml.matchAll(/<vdtag:tag [^>]*>([^<]*)<\/vdtag:tag>/g)].map((m) => m[1]).sort();
    expect(onHost).toEqual(want);
    expect((await listed(homeA, 'h1', raced)).tags).toEqual(want);
    expect((await listed(homeB, 'h1', raced)).tags).toEqual(want);
  });

  it('an offline host: its facts are read from the cache, a write is refused with vm.facts-offline', async () => {
    await ok(homeB, ['vm', 'tag', `h2/${away}`, '+kept']);
    const sshd = sshdControl(tb, 2);
    sshd.drop();
    try {
      await waitFor('h2 offline', () => !sshd.running(), 10_000);
      const cached = JSON.parse((await runCli(homeB, ['vm', 'list', '--json', '--host', 'h2'])).stdout) as JsonVm[];
      expect(cached.find((v) => v.name === away)).toMatchObject({ tags: ['kept'], stale: true });
      const refused = await runCli(homeB, ['vm', 'tag', `h2/${away}`, '+more']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`the facts of VM "${away}" are kept on host h2, which is offline`);
      const lock = await runCli(homeB, ['vm', 'lock', `h2/${away}`]);
      expect(lock.code).toBe(1);
      expect(lock.stderr).toContain('which is offline');
    } finally {
      sshd.start();
    }
    expect(tb.virsh(2, 'dumpxml', away)).not.toContain('>more<');
    expect((await listed(homeB, 'h2', away)).tags).toEqual(['kept']);
  });
});

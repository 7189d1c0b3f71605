// Who uses which image, from real libvirt XML taken on the test bed (test/fixtures/xml/generate-volume-users.sh):
// a running VM on a linked clone, a shut-off VM on a pool volume, a transient VM, a shut-off VM with an external
// snapshot whose overlay only qemu-img knows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import {
  userReports,
  imagesWithUnknownChain,
  parseQemuImgChain,
  VolumeUsage,
  type UsageFacts,
  type VolumeFacts,
} from '../../../electron/core/storage/volume-users.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'xml', 'volume-users');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const D = '/var/lib/libvirt/vu';

const volume = (name: string): VolumeFacts => ({ pool: 'vu', name, xml: read(`volume-${name}.xml`) });
const volumes = ['base.qcow2', 'clone.qcow2', 'db.qcow2', 'tmp.qcow2', 'sv.qcow2'].map(volume);
const domains: UsageFacts['domains'] = [
  { name: 'vu-web', xmls: [read('domain-web.live.xml'), read('domain-web.inactive.xml')], snapshots: [] },
  { name: 'vu-db', xmls: [read('domain-db.inactive.xml')], snapshots: [] },
  { name: 'vu-tmp', xmls: [read('domain-tmp.live.xml')], snapshots: [] },
  { name: 'vu-snap', xmls: [read('domain-snap.inactive.xml')], snapshots: [read('snapshot-snap-s1.xml')] },
];
const backingOf = new Map(parseQemuImgChain(read('qemu-img-sv.s1.json')));
const usage = new VolumeUsage({ domains, volumes, backingOf });

/** A volume XML like the clone's, named `name`, backed by `backing` (as its qcow2 header records it). */
function cloneOf(name: string, backing: string): VolumeFacts {
  const xml = read('volume-clone.qcow2.xml')
    .replaceAll(`${D}/clone.qcow2`, `${D}/${name}`)
    .replace(`<path>${D}/base.qcow2</path>`, `<path>${backing}</path>`);
  return { pool: 'vu', name, xml };
}

describe('volume users', () => {
  it("a linked clone's base is used by the clone and, through it, by the running VM on the clone", () => {
    expect(usage.usersOf(`${D}/base.qcow2`)).toEqual([
      { kind: 'vm', name: 'vu-web', via: `${D}/clone.qcow2` },
      { kind: 'volume', name: 'vu/clone.qcow2', path: `${D}/clone.qcow2` },
    ]);
    expect(usage.usersOf(`${D}/clone.qcow2`)).toEqual([{ kind: 'vm', name: 'vu-web' }]);
  });

  it('a shut-off VM on a pool volume (<source pool= volume=>) and a transient VM (live XML only) use their disks', () => {
    expect(usage.usersOf(`${D}/db.qcow2`)).toEqual([{ kind: 'vm', name: 'vu-db' }]);
    expect(usage.usersOf(`${D}/tmp.qcow2`)).toEqual([{ kind: 'vm', name: 'vu-tmp' }]);
  });

  it("an external snapshot's base: the snapshot froze it, and the shut-off VM runs on an overlay of it", () => {
    expect(usage.usersOf(`${D}/sv.qcow2`)).toEqual([
      { kind: 'vm', name: 'vu-snap', via: `${D}/sv.s1.qcow2` },
      { kind: 'snapshot', name: 's1', vm: 'vu-snap' },
    ]);
    expect(usage.usersOf(`${D}/sv.s1.qcow2`)).toEqual([{ kind: 'vm', name: 'vu-snap' }]);
  });

  it('the base of a shut-off VM on an overlay no pool lists is found only with what qemu-img says', () => {
    const blind = new VolumeUsage({ domains, volumes });
    expect(blind.usersOf(`${D}/sv.qcow2`)).toEqual([{ kind: 'snapshot', name: 's1', vm: 'vu-snap' }]);
    // Which images need qemu-img: exactly that overlay (the others are volumes, or their chain is in the live XML).
    expect(imagesWithUnknownChain({ domains, volumes })).toEqual([`${D}/sv.s1.qcow2`]);
    expect(imagesWithUnknownChain({ domains, volumes, backingOf })).toEqual([]);
    expect(parseQemuImgChain(read('qemu-img-sv.s1.json'))).toEqual([[`${D}/sv.s1.qcow2`, `${D}/sv.qcow2`]]);
  });

  it('an image nothing uses has no users; ignore() drops the users an operation accounts for itself', () => {
    expect(new VolumeUsage({ domains: [], volumes }).usersOf(`${D}/db.qcow2`)).toEqual([]);
    expect(usage.usersOf(`${D}/sv.qcow2`, (u) => u.name === 'vu-snap' || u.vm === 'vu-snap')).toEqual([]);
    expect(usage.usersOf(`${D}/base.qcow2`, (u) => u.kind === 'volume')).toEqual([{ kind: 'vm', name: 'vu-web', via: `${D}/clone.qcow2` }]);
  });

  it('chains go all the way down (a clone of a clone) and a relative backing file is read from the image directory', () => {
    const deep = new VolumeUsage({ domains: [], volumes: [...volumes, cloneOf('c2.qcow2', 'clone.qcow2')] });
    expect(deep.usersOf(`${D}/base.qcow2`).map((u) => u.name)).toEqual(['vu/clone.qcow2', 'vu/c2.qcow2']);
    expect(deep.usersOf(`${D}/clone.qcow2`)).toEqual([{ kind: 'volume', name: 'vu/c2.qcow2', path: `${D}/c2.qcow2` }]);
  });

  it('a backing loop does not hang', () => {
    const loop = new VolumeUsage({ domains: [], volumes: [cloneOf('a.qcow2', `${D}/b.qcow2`), cloneOf('b.qcow2', `${D}/a.qcow2`)] });
    expect(loop.usersOf(`${D}/a.qcow2`).map((u) => u.name)).toEqual(['vu/b.qcow2']);
  });

  it('reports users for the front ends to word', () => {
    expect(userReports(usage.usersOf(`${D}/sv.qcow2`))).toEqual([
      report('user.via', { user: report('user.vm', { name: 'vu-snap' }), via: `${D}/sv.s1.qcow2` }),
      report('user.snapshot', { vm: 'vu-snap', name: 's1' }),
    ]);
    expect(userReports(usage.usersOf(`${D}/base.qcow2`))).toEqual([
      report('user.via', { user: report('user.vm', { name: 'vu-web' }), via: `${D}/clone.qcow2` }),
      report('user.volume', { name: 'vu/clone.qcow2' }),
    ]);
  });
});

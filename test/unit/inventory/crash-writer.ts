// Child process of crash.test.ts: writes generations in a tight loop until it is killed with SIGKILL.
// Each generation: one syncHostVms of crashSet(gen), then one event "event <gen>". After each commit it reports
// "sync <gen>" / "event <gen>" on stdout (a pipe: written synchronously), so the parent knows what was committed.
import { Inventory } from '../../../electron/inventory/index.js';
import { crashSet } from './fixtures.js';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer.ts <inventory file>');
const inv = Inventory.open(file);

function appendEvent(gen: number): void {
  inv.appendEvent({
    host: 'h',
    vmUuid: null,
    kind: 'crash-test',
    message: `event ${gen}`,
    at: new Date(),
    data: { gen, pad: 'x'.repeat((gen * 37) % 3000) },
  });
  process.stdout.write(`event ${gen}\n`);
}

let gen = Math.max(0, ...inv.listVms({ host: 'h' }).map((v) => v.vcpus));
// A previous child may have been killed between its last sync and that sync's event: write the event first.
const lastEvent = inv.listEvents({ limit: 1 })[0];
if (gen > 0 && lastEvent?.message !== `event ${gen}`) appendEvent(gen);
process.stdout.write(`ready ${gen}\n`);
for (;;) {
  gen++;
  inv.syncHostVms('h', crashSet(gen), new Date());
  process.stdout.write(`sync ${gen}\n`);
  appendEvent(gen);
}

// Order of the integration files when several lanes run them (VIRTDECK_TESTBED_LANES, see global-setup.ts): the
// files that boot the real cloud-init guest (the longest by far, minutes of TCG each) start first, largest first,
// so that no lane is left running one of them alone at the end; the others follow in vitest's own order
// (slowest first by the last run's durations, else largest first).
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A file that needs the real guest image (it skips itself with guestImageUnavailable() where there is none). */
export const bootsRealGuest = (file: string): boolean => readFileSync(file, 'utf8').includes('guestImageUnavailable()');

export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const size = (s: TestSpecification) => readFileSync(s.moduleId, 'utf8').length;
    const guests = sorted.filter((s) => bootsRealGuest(s.moduleId)).sort((a, b) => size(b) - size(a));
    return [...guests, ...sorted.filter((s) => !guests.includes(s))];
  }
}

import { describe, expect, it } from 'vitest';
import { MAX_COUNT, countedNames } from '../../../shared/model/counted-names.js';

describe('countedNames', () => {
  it('replaces {n} with 1…N', () => {
    expect(countedNames('web-{n}', 3)).toEqual(['web-1', 'web-2', 'web-3']);
    expect(countedNames('{n}-db-{n}', 2)).toEqual(['1-db-1', '2-db-2']);
  });
  it('one name: the pattern as it is, {n} = 1', () => {
    expect(countedNames('web', 1)).toEqual(['web']);
    expect(countedNames('web-{n}', 1)).toEqual(['web-1']);
  });
  it('refuses several without {n}, and counts out of range', () => {
    expect(countedNames('web', 2)).toBeNull();
    for (const n of [0, -1, 1.5, MAX_COUNT + 1, Number.NaN]) expect(countedNames('web-{n}', n)).toBeNull();
    expect(countedNames('web-{n}', MAX_COUNT)).toHaveLength(MAX_COUNT);
  });
});

// The CLI says a VM's history in its own English from the same params; older rows say their stored message.
import { describe, expect, it } from 'vitest';
import { eventWords } from '../../../electron/cli/event-words.js';
import { OWN_EVENT_KINDS } from '../../../shared/model/vm-events.js';

const row = (kind: string, params: unknown) => ({ kind, message: 'stored message', data: { params } });

describe('CLI event words', () => {
  it('words what VirtDeck records from its params, not from the stored message', () => {
    expect(eventWords(row('imported', { host: 'h1' }))).toBe('found on h1');
    expect(eventWords(row('deleted', { volumes: 1, storageKept: false }))).toBe('deleted with 1 volume');
    expect(eventWords(row('deleted', { volumes: 3, storageKept: false }))).toBe('deleted with 3 volumes');
    expect(eventWords(row('deleted', { volumes: 0, storageKept: true }))).toBe('deleted (storage kept)');
    expect(eventWords(row('renamed', { from: 'a', to: 'b' }))).toBe('renamed from a to b');
    expect(eventWords(row('locked', {}))).toBe('locked');
    expect(eventWords(row('migrated', { from: 'h1', to: 'h2' }))).toBe('migrated from h1 to h2');
    expect(eventWords(row('launched', { image: 'debian-12', ip: '10.0.0.5' }))).toBe('launched from image debian-12 at 10.0.0.5');
    expect(eventWords(row('launched', { image: 'debian-12', ip: null }))).toBe('launched from image debian-12');
    expect(eventWords(row('granted', { id: '0123456789ab', for: 'Ada', until: '2026-12-02T07:30:00.000Z' }))).toBe(
      'console grant 0123456789ab given to Ada until 2026-12-02T07:30:00.000Z',
    );
    expect(eventWords(row('grant-revoked', { id: '0123456789ab', for: 'Ada' }))).toBe('console grant 0123456789ab of Ada revoked');
  });

  it("keeps libvirt's own names for domain events", () => {
    expect(eventWords(row('lifecycle', { event: 'stopped', detail: 'destroyed' }))).toBe('stopped (destroyed)');
    expect(eventWords(row('reboot', { event: 'reboot', detail: '' }))).toBe('reboot');
    expect(eventWords(row('device-removed', { event: 'device-removed', detail: 'net1' }))).toBe('device-removed (net1)');
  });

  it('words every kind VirtDeck records (no kind falls back to its message)', () => {
    const params = { host: 'h', volumes: 1, storageKept: false, from: 'a', to: 'b', image: 'i', ip: null, id: 'g', for: 'p', until: 't', os: 'win11', firmware: 'uefi' };
    expect(OWN_EVENT_KINDS.filter((k) => eventWords(row(k, params)) === 'stored message')).toEqual([]);
  });

  it('says the stored message of a row written by an older VirtDeck', () => {
    expect(eventWords({ kind: 'lifecycle', message: 'started (booted)', data: null })).toBe('started (booted)');
    expect(eventWords({ kind: 'deleted', message: 'deleted with 1 volume(s)', data: { deleted: ['/a'], kept: [] } })).toBe('deleted with 1 volume(s)');
  });
});

// The VM history in the user's language: every kind the core records and every libvirt name has words in en and
// zh-CN; rows written by an older VirtDeck (no params) fall back to their stored message.
import { describe, expect, it } from 'vitest';
import { dictionaries, translate, type Translate } from '../../../renderer/app/i18n/index.js';
import type { Language } from '../../../renderer/state/ui-slice.js';
import {
  AGENT_REASONS,
  AGENT_STATES,
  DOMAIN_EVENT_KINDS,
  LIFECYCLE_DETAILS,
  LIFECYCLE_EVENTS,
  VM_EVENT_KINDS,
  wordDomainEvent,
  wordEventKind,
  wordVmEvent,
  type OwnEventParams,
  type VmEventKind,
} from '../../../shared/model/vm-events.js';

/** Params of each kind, as the core stores them (a kind added without a sample here is a compile error). */
const SAMPLES: { [K in VmEventKind]: K extends keyof OwnEventParams ? OwnEventParams[K] : { event: string; detail: string } } = {
  imported: { host: 'h1' },
  deleted: { volumes: 2, storageKept: false },
  renamed: { from: 'web-old', to: 'web' },
  locked: {},
  unlocked: {},
  migrated: { from: 'h1', to: 'h2' },
  launched: { image: 'debian-12', ip: '10.0.0.5' },
  cloned: { from: 'h1/web' },
  granted: { id: '0123456789ab', for: 'Ada', until: '2026-12-02T07:30:00.000Z' },
  'grant-revoked': { id: '0123456789ab', for: 'Ada' },
  'grant-expired': { id: '0123456789ab', for: 'Ada' },
  created: { os: 'win11', firmware: 'uefi-secure' },
  lifecycle: { event: 'started', detail: 'booted' },
  reboot: { event: 'reboot', detail: '' },
  'rtc-change': { event: 'rtc-change', detail: '' },
  watchdog: { event: 'watchdog', detail: '' },
  'io-error': { event: 'io-error', detail: 'virtio-disk0' },
  'balloon-change': { event: 'balloon-change', detail: '' },
  'device-removed': { event: 'device-removed', detail: 'net1' },
  'device-added': { event: 'device-added', detail: 'net1' },
  'device-removal-failed': { event: 'device-removal-failed', detail: 'net1' },
  'agent-lifecycle': { event: 'connected', detail: 'channel' },
  'job-completed': { event: 'job-completed', detail: '' },
  'metadata-change': { event: 'metadata-change', detail: '' },
};

const LANGS: Language[] = ['en', 'zh-CN'];
const tr = (lang: Language): Translate => (key, vars) => translate(lang, key, vars);
const stored = (kind: string, params: unknown, message = 'stored message') => ({ kind, message, data: { params } });

describe('VM history words', () => {
  it('words every kind the core records, in both languages, with every param put in', () => {
    for (const lang of LANGS) {
      for (const kind of VM_EVENT_KINDS) {
        const text = wordVmEvent(tr(lang), stored(kind, SAMPLES[kind]));
        expect(text, `${lang} ${kind}`).toBeTruthy();
        expect(text, `${lang} ${kind}`).not.toMatch(/[{}]|undefined|^event\./);
        expect(dictionaries[lang][`event.kind.${kind}`], `${lang} label ${kind}`).toBeTruthy();
      }
    }
  });

  it('has words for every libvirt lifecycle event and detail, agent state and reason, and other domain event', () => {
    const names = [...LIFECYCLE_EVENTS, ...AGENT_STATES, ...DOMAIN_EVENT_KINDS.filter((k) => k !== 'lifecycle' && k !== 'agent-lifecycle')];
    const details = [...Object.values(LIFECYCLE_DETAILS).flat(), ...AGENT_REASONS];
    for (const lang of LANGS) {
      const dict: Readonly<Record<string, string | undefined>> = dictionaries[lang];
      expect(names.filter((n) => !dict[`event.name.${n}`]), lang).toEqual([]);
      expect(details.filter((d) => !dict[`event.detail.${d}`]), lang).toEqual([]);
    }
  });

  it('words what VirtDeck records in English and Chinese', () => {
    const en = tr('en');
    const zh = tr('zh-CN');
    expect(wordVmEvent(en, stored('renamed', SAMPLES.renamed))).toBe('Renamed from web-old to web');
    expect(wordVmEvent(zh, stored('renamed', SAMPLES.renamed))).toBe('已从 web-old 重命名为 web');
    expect(wordVmEvent(en, stored('deleted', { volumes: 1, storageKept: false }))).toBe('Deleted with 1 volume');
    expect(wordVmEvent(en, stored('deleted', { volumes: 2, storageKept: false }))).toBe('Deleted with 2 volumes');
    expect(wordVmEvent(zh, stored('deleted', { volumes: 0, storageKept: true }))).toBe('已删除（保留存储）');
    expect(wordVmEvent(en, stored('launched', SAMPLES.launched))).toBe('Launched from image debian-12 at 10.0.0.5');
    expect(wordVmEvent(zh, stored('launched', { image: 'debian-12', ip: null }))).toBe('已从镜像 debian-12 启动');
    expect(wordVmEvent(zh, stored('migrated', SAMPLES.migrated))).toBe('已从 h1 迁移到 h2');
    expect(wordEventKind(zh, 'migrated')).toBe('迁移');
  });

  it('words libvirt lifecycle events with their detail; a name without words stays as it is', () => {
    expect(wordVmEvent(tr('en'), stored('lifecycle', { event: 'started', detail: 'booted' }))).toBe('Started (booted)');
    expect(wordVmEvent(tr('zh-CN'), stored('lifecycle', { event: 'stopped', detail: 'destroyed' }))).toBe('已停止（强制关闭）');
    expect(wordVmEvent(tr('zh-CN'), stored('lifecycle', { event: 'suspended', detail: 'paused' }))).toBe('已暂停（暂停）');
    expect(wordVmEvent(tr('en'), stored('device-added', SAMPLES['device-added']))).toBe('Device added (net1)');
    expect(wordDomainEvent(tr('zh-CN'), { event: 'reboot', detail: '' })).toBe('已重启');
    expect(wordDomainEvent(tr('en'), { event: 'unknown-12', detail: 'unknown-3' })).toBe('unknown-12 (unknown-3)');
  });

  it('gives null (show the stored message) for a row of an older VirtDeck, bad params or an unknown kind', () => {
    const en = tr('en');
    expect(wordVmEvent(en, { kind: 'lifecycle', data: null })).toBeNull();
    expect(wordVmEvent(en, { kind: 'deleted', data: { deleted: ['/v/a.qcow2'], kept: [] } })).toBeNull();
    expect(wordVmEvent(en, { kind: 'launched', data: { timings: {}, placement: 'h1' } })).toBeNull();
    expect(wordVmEvent(en, stored('renamed', { from: 'a' }))).toBeNull();
    expect(wordVmEvent(en, stored('teleported', { to: 'moon' }))).toBeNull();
    expect(wordEventKind(en, 'teleported')).toBe('teleported');
  });
});

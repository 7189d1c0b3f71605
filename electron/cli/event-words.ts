// The CLI's English for a VM's history (shared/model/vm-events.ts): lowercase log phrases that keep libvirt's own
// event names ("started (booted)"), as virsh prints them. A kind VirtDeck records without words here is a compile error.
import {
  wordVmEvent,
  type EventVars,
  type EventWorder,
  type VmEventSentenceKey,
} from '../../shared/model/vm-events.js';

const SENTENCES: { readonly [K in VmEventSentenceKey]: (p: EventVars) => string } = {
  'event.imported': (p) => `found on ${p.host}`,
  'event.deleted': (p) => `deleted with ${p.volumes} ${p.volumes === 1 ? 'volume' : 'volumes'}`,
  'event.deleted-storage-kept': () => 'deleted (storage kept)',
  'event.renamed': (p) => `renamed from ${p.from} to ${p.to}`,
  'event.locked': () => 'locked',
  'event.unlocked': () => 'unlocked',
  'event.cloned': (p) => `cloned from ${p.from}`,
  'event.migrated': (p) => `migrated from ${p.from} to ${p.to}`,
  'event.launched': (p) => `launched from image ${p.image}`,
  'event.launched-at': (p) => `launched from image ${p.image} at ${p.ip}`,
  'event.granted': (p) => `console grant ${p.id} given to ${p.for} until ${p.until}`,
  'event.grant-revoked': (p) => `console grant ${p.id} of ${p.for} revoked`,
  'event.grant-expired': (p) => `console grant ${p.id} of ${p.for} expired and was removed`,
  'event.created': (p) => `created (OS ${p.os}, firmware ${p.firmware})`,
  'event.domain-detail': (p) => `${p.event} (${p.detail})`,
};

const isSentence = (key: string): key is VmEventSentenceKey => key in SENTENCES;

/** Sentences from the table; a kind label or a libvirt name is the name itself. */
const words: EventWorder = (key, vars = {}) => (isSentence(key) ? SENTENCES[key](vars) : key.replace(/^event\.(kind|name|detail)\./, ''));

/** A stored event as the CLI says it; a row without params (an older VirtDeck) says its stored message. */
export function eventWords(e: { kind: string; message: string; data?: unknown }): string {
  return wordVmEvent(words, e) ?? e.message;
}

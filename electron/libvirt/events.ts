// Domain event messages (remote_domain_event_callback_*_msg) decoded into one DomainEvent shape.
import { XdrReader, readTypedParams, typedParamsToRecord } from './xdr/index.js';
import { EventProc } from './protocol/procedures.js';
import { DomainEventId, agentLifecycleNames, lifecycleNames } from './protocol/domain-events.js';
import { readDomain, type DomainRef } from './protocol/structs.js';
import type { DomainEventKind } from '../../shared/model/vm-events.js';

export interface DomainEvent {
  callbackId: number;
  /** virDomainEventID the callback was registered for. */
  eventId: number;
  kind: DomainEventKind;
  dom: DomainRef;
  /** lifecycle: 'started', 'stopped', ...; agent-lifecycle: 'connected' / 'disconnected'. */
  event?: string;
  /** lifecycle: 'booted', 'destroyed', ...; agent-lifecycle: reason. */
  detail?: string;
  /** Device alias for device events, disk path for io-error. */
  device?: string;
  /** Other decoded values: job stats, balloon KiB, rtc offset, watchdog action, ... */
  raw?: Record<string, number | string | boolean>;
}

/** Decodes an event message; returns null for procedures we do not decode. Throws on malformed bodies. */
export function decodeDomainEvent(proc: number, body: Buffer): DomainEvent | null {
  const r = new XdrReader(body);
  const callbackId = r.int();
  const base = (kind: DomainEventKind, eventId: number): DomainEvent => ({ callbackId, eventId, kind, dom: readDomain(r) });
  switch (proc) {
    case EventProc.DOMAIN_LIFECYCLE: {
      const e = base('lifecycle', DomainEventId.LIFECYCLE);
      return { ...e, ...lifecycleNames(r.int(), r.int()) };
    }
    case EventProc.DOMAIN_REBOOT:
      return base('reboot', DomainEventId.REBOOT);
    case EventProc.DOMAIN_RTC_CHANGE: {
      const e = base('rtc-change', DomainEventId.RTC_CHANGE);
      return { ...e, raw: { offset: Number(r.hyper()) } };
    }
    case EventProc.DOMAIN_WATCHDOG: {
      const e = base('watchdog', DomainEventId.WATCHDOG);
      return { ...e, raw: { action: r.int() } };
    }
    case EventProc.DOMAIN_IO_ERROR: {
      const e = base('io-error', DomainEventId.IO_ERROR);
      const srcPath = r.string();
      const device = r.string();
      return { ...e, device, raw: { srcPath, action: r.int() } };
    }
    case EventProc.DOMAIN_BALLOON_CHANGE: {
      const e = base('balloon-change', DomainEventId.BALLOON_CHANGE);
      return { ...e, raw: { actualKiB: r.uhyperNumber() } };
    }
    case EventProc.DOMAIN_DEVICE_REMOVED: {
      const e = base('device-removed', DomainEventId.DEVICE_REMOVED);
      return { ...e, device: r.string() };
    }
    case EventProc.DOMAIN_DEVICE_ADDED: {
      const e = base('device-added', DomainEventId.DEVICE_ADDED);
      return { ...e, device: r.string() };
    }
    case EventProc.DOMAIN_DEVICE_REMOVAL_FAILED: {
      const e = base('device-removal-failed', DomainEventId.DEVICE_REMOVAL_FAILED);
      return { ...e, device: r.string() };
    }
    case EventProc.DOMAIN_AGENT_LIFECYCLE: {
      const e = base('agent-lifecycle', DomainEventId.AGENT_LIFECYCLE);
      return { ...e, ...agentLifecycleNames(r.int(), r.int()) };
    }
    case EventProc.DOMAIN_JOB_COMPLETED: {
      const e = base('job-completed', DomainEventId.JOB_COMPLETED);
      return { ...e, raw: typedParamsToRecord(readTypedParams(r)) };
    }
    case EventProc.DOMAIN_METADATA_CHANGE: {
      const e = base('metadata-change', DomainEventId.METADATA_CHANGE);
      const type = r.int();
      const nsuri = r.optional((x) => x.string());
      return { ...e, raw: nsuri === null ? { type } : { type, nsuri } };
    }
    default:
      return null;
  }
}

import { describe, expect, it } from 'vitest';
import { decodeDomainEvent } from '../../../electron/libvirt/events.js';
import { EventProc, lifecycleNames, domainStateName, writeDomain, type DomainRef } from '../../../electron/libvirt/protocol/index.js';
import { writeTypedParam } from '../../../electron/libvirt/xdr/index.js';
import { xdr } from './fake-daemon.js';

const dom: DomainRef = { name: 'web 1', uuid: 'c7a5fdbd-cdaf-9455-926a-d65c16db1809', id: -1 };

describe('domain event decoding', () => {
  it('decodes a lifecycle message from its exact bytes', () => {
    // callbackID 4, dom {name "ab", uuid 00..0f, id 7}, event 6 (shutdown), detail 1 (guest)
    const body = Buffer.from(
      '00000004' + '00000002' + '61620000' + '000102030405060708090a0b0c0d0e0f' + '00000007' + '00000006' + '00000001',
      'hex',
    );
    expect(decodeDomainEvent(EventProc.DOMAIN_LIFECYCLE, body)).toEqual({
      callbackId: 4,
      eventId: 0,
      kind: 'lifecycle',
      dom: { name: 'ab', uuid: '00010203-0405-0607-0809-0a0b0c0d0e0f', id: 7 },
      event: 'shutdown',
      detail: 'guest',
    });
  });

  it('decodes reboot, device added/removed and agent lifecycle', () => {
    expect(decodeDomainEvent(EventProc.DOMAIN_REBOOT, xdr((w) => (w.int(1), writeDomain(w, dom))))).toEqual({
      callbackId: 1,
      eventId: 1,
      kind: 'reboot',
      dom,
    });
    expect(
      decodeDomainEvent(EventProc.DOMAIN_DEVICE_REMOVED, xdr((w) => (w.int(2), writeDomain(w, dom), w.string('virtio-disk1')))),
    ).toMatchObject({ eventId: 15, kind: 'device-removed', device: 'virtio-disk1', dom });
    expect(
      decodeDomainEvent(EventProc.DOMAIN_DEVICE_ADDED, xdr((w) => (w.int(3), writeDomain(w, dom), w.string('net1')))),
    ).toMatchObject({ eventId: 19, kind: 'device-added', device: 'net1' });
    expect(
      decodeDomainEvent(EventProc.DOMAIN_AGENT_LIFECYCLE, xdr((w) => (w.int(5), writeDomain(w, dom), w.int(1).int(2)))),
    ).toMatchObject({ eventId: 18, kind: 'agent-lifecycle', event: 'connected', detail: 'channel' });
  });

  it('decodes job-completed statistics as a record', () => {
    const body = xdr((w) => {
      w.int(9);
      writeDomain(w, dom);
      w.array(
        [
          { field: 'type', type: 1 as const, value: 3 },
          { field: 'time_elapsed', type: 4 as const, value: 1234n },
        ],
        writeTypedParam,
      );
    });
    expect(decodeDomainEvent(EventProc.DOMAIN_JOB_COMPLETED, body)).toMatchObject({
      eventId: 21,
      kind: 'job-completed',
      raw: { type: 3, time_elapsed: 1234 },
    });
  });

  it('returns null for event procedures it does not know and throws on truncated bodies', () => {
    expect(decodeDomainEvent(9999, xdr((w) => w.int(1)))).toBeNull();
    expect(() => decodeDomainEvent(EventProc.DOMAIN_LIFECYCLE, xdr((w) => (w.int(1), writeDomain(w, dom))))).toThrow();
  });
});

describe('names', () => {
  it('names lifecycle events and details, tolerating future numbers', () => {
    expect(lifecycleNames(2, 0)).toEqual({ event: 'started', detail: 'booted' });
    expect(lifecycleNames(5, 1)).toEqual({ event: 'stopped', detail: 'destroyed' });
    expect(lifecycleNames(3, 0)).toEqual({ event: 'suspended', detail: 'paused' });
    expect(lifecycleNames(4, 0)).toEqual({ event: 'resumed', detail: 'unpaused' });
    expect(lifecycleNames(0, 0)).toEqual({ event: 'defined', detail: 'added' });
    expect(lifecycleNames(5, 99)).toEqual({ event: 'stopped', detail: 'unknown-99' });
    expect(lifecycleNames(42, 0)).toEqual({ event: 'unknown-42', detail: 'unknown-0' });
  });

  it('maps virDomainState numbers to VmState names', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(domainStateName)).toEqual([
      'nostate',
      'running',
      'blocked',
      'paused',
      'shutdown',
      'shutoff',
      'crashed',
      'pmsuspended',
      'nostate',
    ]);
  });
});

// The procedure table and the methods bound from it: numbers, argument encoding in order with trailing defaults,
// per-procedure timeouts, and what each call reports as changed.
import { describe, expect, it } from 'vitest';
import { PROCEDURES, bindApi, type ProcedureCaller } from '../../../electron/libvirt/api.js';
import { Proc, QemuProc, writeDomain, writeNetwork, type DomainRef } from '../../../electron/libvirt/protocol/index.js';
import { XdrReader, XdrWriter } from '../../../electron/libvirt/xdr/index.js';
import { xdr } from './fake-daemon.js';

const dom: DomainRef = { name: 'web', uuid: 'c7a5fdbd-cdaf-9455-926a-d65c16db1809', id: 4 };
const net = { name: 'lab', uuid: '0f0e0d0c-0b0a-0908-0706-050403020100' };

interface Sent {
  proc: number;
  args: Buffer;
  timeoutMs: number | undefined;
  prog: number | undefined;
}

/** A caller that records what each method sends and answers with `reply`. */
function recorder(reply: Buffer = Buffer.alloc(0)): { caller: ProcedureCaller; sent: Sent[] } {
  const sent: Sent[] = [];
  const caller: ProcedureCaller = {
    callTimeoutMs: 60_000,
    async call(proc, encode, decode, opts) {
      const w = new XdrWriter();
      encode?.(w);
      sent.push({ proc, args: Buffer.from(w.finish()), timeoutMs: opts.timeoutMs, prog: opts.program?.prog });
      return decode(new XdrReader(reply));
    },
    openStream: () => Promise.reject(new Error('no streams here')),
  };
  return { caller, sent };
}

describe('procedure table', () => {
  it('gives every procedure of a program its own number', () => {
    const keys = Object.values(PROCEDURES).map((d) => `${'program' in d && d.program ? d.program.prog : 'remote'}:${d.proc}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('encodes arguments in order, trailing optional ones at their defaults', async () => {
    const { caller, sent } = recorder(xdr((w) => w.string('<domain/>')));
    const api = bindApi(caller);
    await api.domainGetXmlDesc(dom);
    await api.domainGetXmlDesc(dom, 2);
    expect(sent.map((s) => s.proc)).toEqual([Proc.DOMAIN_GET_XML_DESC, Proc.DOMAIN_GET_XML_DESC]);
    expect(sent[0]!.args).toEqual(xdr((w) => (writeDomain(w, dom), w.uint(0))));
    expect(sent[1]!.args).toEqual(xdr((w) => (writeDomain(w, dom), w.uint(2))));
  });

  it('sends need_results before the flags of list calls and a null for a left-out MAC', async () => {
    const { caller, sent } = recorder(xdr((w) => w.uint(0).uint(0)));
    await bindApi(caller).networkGetDhcpLeases(net);
    expect(sent[0]!.args).toEqual(xdr((w) => (writeNetwork(w, net), w.bool(false), w.int(1).uint(0))));
  });

  it('has no timeout for long-running procedures, the default otherwise, and the agent’s own wait on top', async () => {
    const { caller, sent } = recorder(xdr((w) => w.bool(false)));
    const api = bindApi(caller);
    await api.domainDestroy(dom).catch(() => undefined);
    await api.domainManagedSave(dom).catch(() => undefined);
    await api.domainAgentCommand(dom, '{}', 30);
    await api.domainAgentCommand(dom, '{}', -1);
    await api.domainAgentCommand(dom, '{}', -2);
    expect(sent.map((s) => s.timeoutMs)).toEqual([undefined, 0, 90_000, 65_000, 0]);
    expect(sent.slice(2).every((s) => s.proc === QemuProc.DOMAIN_AGENT_COMMAND && s.prog === 0x20008087)).toBe(true);
  });
});

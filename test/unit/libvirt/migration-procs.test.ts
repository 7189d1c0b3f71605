// The migration procedures on the wire (remote_protocol.x): numbers, typed parameters and cookies in order, the
// `cancelled` word after the flags, and the decoding of what Begin, Prepare, Finish and job stats answer.
import { describe, expect, it } from 'vitest';
import { bindApi, type ProcedureCaller } from '../../../electron/libvirt/api.js';
import { MigrationProc, writeDomain, type DomainRef } from '../../../electron/libvirt/protocol/index.js';
import { TypedParamType, XdrReader, XdrWriter } from '../../../electron/libvirt/xdr/index.js';
import { xdr } from './fake-daemon.js';

const dom: DomainRef = { name: 'web', uuid: 'c7a5fdbd-cdaf-9455-926a-d65c16db1809', id: 4 };
const uri = { field: 'migrate_uri', type: TypedParamType.STRING, value: 'tcp://h2:49152' } as const;
const writeUri = (w: XdrWriter) => void w.uint(1).string('migrate_uri').int(7).string('tcp://h2:49152');

function recorder(reply: Buffer): { caller: ProcedureCaller; sent: Array<{ proc: number; args: Buffer; timeoutMs: number | undefined }> } {
  const sent: Array<{ proc: number; args: Buffer; timeoutMs: number | undefined }> = [];
  const caller: ProcedureCaller = {
    callTimeoutMs: 60_000,
    async call(proc, encode, decode, opts) {
      const w = new XdrWriter();
      encode?.(w);
      sent.push({ proc, args: Buffer.from(w.finish()), timeoutMs: opts.timeoutMs });
      return decode(new XdrReader(reply));
    },
    openStream: () => Promise.reject(new Error('no streams here')),
  };
  return { caller, sent };
}

describe('migration procedures', () => {
  it('Begin sends the domain, typed params and flags; answers the cookie and the XML', async () => {
    const { caller, sent } = recorder(xdr((w) => w.opaque(Buffer.from('ck')).string('<domain/>')));
    const r = await bindApi(caller).migrateBegin3Params(dom, [uri], 65);
    expect(sent[0]).toMatchObject({ proc: MigrationProc.DOMAIN_MIGRATE_BEGIN3_PARAMS, args: xdr((w) => (writeDomain(w, dom), writeUri(w), w.uint(65))) });
    expect(r).toEqual({ cookie: Buffer.from('ck'), xml: '<domain/>' });
  });

  it('Prepare sends params, cookie, flags; answers a cookie and the URI (or null)', async () => {
    const { caller, sent } = recorder(xdr((w) => w.opaque(Buffer.from('c2')).optional('tcp://h2:49152', (x, v) => void x.string(v))));
    const r = await bindApi(caller).migratePrepare3Params([uri], Buffer.from('ck'), 9);
    expect(sent[0]!.proc).toBe(303);
    expect(sent[0]!.args).toEqual(xdr((w) => (writeUri(w), w.opaque(Buffer.from('ck')).uint(9))));
    expect(sent[0]!.timeoutMs).toBe(0);
    expect(r).toEqual({ cookie: Buffer.from('c2'), uri: 'tcp://h2:49152' });
  });

  it('Perform sends a null destination URI; Finish and Confirm end with the cancelled word', async () => {
    const perform = recorder(xdr((w) => w.opaque(Buffer.from('c3'))));
    await bindApi(perform.caller).migratePerform3Params(dom, null, [uri], Buffer.from('c2'), 9);
    expect(perform.sent[0]).toMatchObject({ proc: 305, args: xdr((w) => (writeDomain(w, dom), w.bool(false), writeUri(w), w.opaque(Buffer.from('c2')).uint(9))) });

    const finish = recorder(xdr((w) => (writeDomain(w, dom), w.opaque(Buffer.from('c4')))));
    expect(await bindApi(finish.caller).migrateFinish3Params([uri], Buffer.from('c3'), 9, 1)).toEqual({ dom, cookie: Buffer.from('c4') });
    expect(finish.sent[0]).toMatchObject({ proc: 306, args: xdr((w) => (writeUri(w), w.opaque(Buffer.from('c3')).uint(9).int(1))) });

    const confirm = recorder(Buffer.alloc(0));
    await bindApi(confirm.caller).migrateConfirm3Params(dom, [uri], Buffer.from('c4'), 9, 0);
    expect(confirm.sent[0]).toMatchObject({ proc: 307, args: xdr((w) => (writeDomain(w, dom), writeUri(w), w.opaque(Buffer.from('c4')).uint(9).int(0))) });
  });

  it('job stats decode to the job type and a record; abort and max downtime go by number', async () => {
    const stats = recorder(xdr((w) => w.int(1).uint(2).string('disk_total').int(4).uhyper(64n << 20n).string('downtime').int(4).uhyper(42n)));
    expect(await bindApi(stats.caller).domainGetJobStats(dom)).toEqual({ type: 1, params: { disk_total: 64 << 20, downtime: 42 } });
    const other = recorder(Buffer.alloc(0));
    await bindApi(other.caller).domainAbortJob(dom);
    await bindApi(other.caller).domainMigrateSetMaxDowntime(dom, 300);
    expect(other.sent.map((s) => s.proc)).toEqual([164, 166]);
    expect(other.sent[1]!.args).toEqual(xdr((w) => (writeDomain(w, dom), w.uhyper(300), w.uint(0))));
  });
});

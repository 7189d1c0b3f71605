// Issue 8's "bridge fuzz" figure (this room was then called the bridge): 10,000 malformed HTTP requests and WebSocket
// frames (without and with the token: bad targets, bad UTF-8, oversize, truncated, slow readers) against the real web
// API CLI over a real core with no hosts, in its own process. After each batch of 1,000 the process still runs and its
// core answers a normal call.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callOnce, startWebApiProcess, type WebApiProcess } from './webapi-process.js';
import { fuzzCase, rng, type FuzzCase } from './fuzz-cases.js';

const BATCHES = 10;
const PER_BATCH = 1_000;
const PARALLEL = 32;
const SEED = 0x5eed;

let webapi: WebApiProcess;
beforeAll(async () => {
  webapi = await startWebApiProcess();
}, 60_000);
afterAll(() => webapi.stop());

/** Plays one case; resolves once the connection is over (stalled ones: when `release` resolves). */
function play(port: number, c: FuzzCase, release: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.on('error', () => undefined);
    s.on('close', () => resolve());
    // A last resort against a server that neither answers nor closes (which would also show as a slow test).
    s.setTimeout(20_000, () => s.destroy());
    s.on('connect', () =>
      s.write(c.bytes, () => {
        if (c.leave === 'reset') s.resetAndDestroy();
        else if (c.leave === 'end') s.end();
        else {
          s.pause();
          s.setTimeout(0);
          void release.then(() => s.destroy());
        }
      }),
    );
    if (c.leave === 'end') s.resume();
  });
}

it(`${BATCHES * PER_BATCH} malformed requests and frames: the web API and its core go on after every batch`, { timeout: 600_000 }, async () => {
  const r = rng(SEED);
  const kinds = new Map<string, number>();
  for (let batch = 0; batch < BATCHES; batch++) {
    const cases = Array.from({ length: PER_BATCH }, (_, i) => fuzzCase(batch * PER_BATCH + i, r, webapi.port, webapi.token));
    let endBatch!: () => void;
    const batchOver = new Promise<void>((resolve) => (endBatch = resolve));
    const stalled: Promise<void>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
        const done = play(webapi.port, c, batchOver);
        if (c.leave === 'stall') stalled.push(done);
        else await done;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    endBatch();
    await Promise.all(stalled);
    expect(webapi.ended(), `batch ${batch} (seed ${SEED}) ended the web API:\n${webapi.output()}`).toBeNull();
    expect(await callOnce(webapi.port, webapi.token, 'hosts.list', {}), `after batch ${batch}`).toEqual({ ok: true, value: [] });
  }
  expect([...kinds.values()].reduce((a, b) => a + b)).toBe(BATCHES * PER_BATCH);
  expect(kinds.size).toBe(9);
});

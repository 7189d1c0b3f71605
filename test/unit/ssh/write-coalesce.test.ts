// Socket writes of one event-loop turn leave as one batch (see write-coalesce.ts): over a real TCP socket, the writes
// of a turn are held (corked) until the turn ends and then all arrive, in order; the next turn starts a new batch.
import { describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../../electron/ssh/write-coalesce.js';
import { socketPair } from '../../fixtures/socket-pair.js';

describe('write coalescing', () => {
  it('holds the writes of a turn and sends them together when it ends, in order', async () => {
    const { client, received, close } = await socketPair();
    try {
      coalesceWrites({ _sock: client });
      const batches: number[] = [];
      const writev = (client as unknown as { _writev: (chunks: unknown[], cb: () => void) => void })._writev.bind(client);
      (client as unknown as { _writev: typeof writev })._writev = (chunks, cb) => (batches.push(chunks.length), writev(chunks, cb));
      for (const s of ['a', 'b', 'c']) client.write(s);
      expect(client.writableCorked).toBe(1); // nothing left yet
      await new Promise((r) => setImmediate(r));
      expect(client.writableCorked).toBe(0);
      client.write('d');
      client.write('e');
      await new Promise((r) => setTimeout(r, 50));
      expect(batches).toEqual([3, 2]);
      expect(received().toString()).toBe('abcde');
    } finally {
      close();
    }
  });

  it('leaves an object without a socket that corks alone', () => {
    expect(() => coalesceWrites({})).not.toThrow();
    const plain = { write: () => true };
    coalesceWrites({ _sock: plain });
    expect(plain.write.name).toBe('write');
  });
});

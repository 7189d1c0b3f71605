// One socket write per turn of the event loop instead of one per SSH packet. ssh2 writes each packet (at most 32 KiB
// of channel data) to the socket on its own, so a 200 MiB upload made ~6,400 write syscalls and as many TCP pushes;
// corking the socket at the first write of a turn and uncorking it on the next tick hands the kernel all packets of
// that turn in one writev. Nothing waits longer than the current turn (TCP_NODELAY stays on). ssh2 has no option
// for this, so the socket's write is wrapped; a socket without cork/uncork is left alone.
import type { Socket } from 'node:net';

export function coalesceWrites(client: object): void {
  const sock = (client as { _sock?: unknown })._sock as Partial<Socket> | undefined;
  if (!sock || typeof sock.write !== 'function' || typeof sock.cork !== 'function' || typeof sock.uncork !== 'function') return;
  const write = sock.write.bind(sock) as (...args: unknown[]) => boolean;
  const cork = sock.cork.bind(sock);
  const uncork = sock.uncork.bind(sock);
  let corked = false;
  sock.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      cork();
      process.nextTick(() => {
        corked = false;
        uncork();
      });
    }
    return write(...args);
  }) as Socket['write'];
}

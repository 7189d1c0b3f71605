// A laptop that is itself a KVM host talks to its own libvirtd over the unix socket, no SSH involved.
import { connect, type NetConnectOpts, type Socket } from 'node:net';

export const DEFAULT_LIBVIRT_SOCKET = '/var/run/libvirt/libvirt-sock';

/** A local socket (unix path or TCP) once connected: a refusal rejects instead of surfacing later as a stream error. */
export function connectedSocket(to: NetConnectOpts): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(to);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Connect to a local libvirt socket; resolves once connected. */
export function openLocalLibvirtSocket(path: string = DEFAULT_LIBVIRT_SOCKET): Promise<Socket> {
  return connectedSocket({ path });
}

/** The local libvirt socket path when one exists and accepts a connection, else null. */
export async function detectLocalLibvirt(paths: readonly string[] = [DEFAULT_LIBVIRT_SOCKET]): Promise<string | null> {
  for (const path of paths) {
    try {
      const socket = await openLocalLibvirtSocket(path);
      socket.destroy();
      return path;
    } catch {
      // not there, or nobody listening: try the next one
    }
  }
  return null;
}

// Console channels (serial, VNC, guest shell): how a front end asks for one, and the small control protocol
// that rides next to the raw bytes on a MessagePort (Electron) or a WebSocket (web API).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import type { ErrorReport } from '../model/errors.js';
import { errorReport } from './error-schema.js';
import { supportSessionId } from './grant-schemas.js';
import { vmRef } from './schemas.js';

export const consoleOpenRequest = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('serial'), ref: vmRef }).strict(),
  z.object({ kind: z.literal('vnc'), ref: vmRef }).strict(),
  z
    .object({
      kind: z.literal('guest-shell'),
      ref: vmRef,
      user: z.string().min(1).max(64),
      /** The guest's address when the user gave one; else the core picks (agent, then IPAM). */
      ip: z.union([z.ipv4(), z.ipv6()]).optional(),
      cols: z.number().int().min(1).max(1000),
      rows: z.number().int().min(1).max(1000),
    })
    .strict(),
  /** Support mode: the granted VM's consoles through a support session (grants.open), no VmRef. */
  z.object({ kind: z.literal('grant-vnc'), session: supportSessionId }).strict(),
  // The terminal sends its size once open (as for the VM's own serial console).
  z.object({ kind: z.literal('grant-serial'), session: supportSessionId }).strict(),
]));
export type ConsoleOpenRequest = z.input<typeof consoleOpenRequest>;
export type ConsoleKind = ConsoleOpenRequest['kind'];

/**
 * Flow control: each side acknowledges the bytes it has consumed; a sender stops reading its source while more
 * than this many bytes are unacknowledged, so a fast producer cannot fill the memory of a slow consumer.
 */
export const CONSOLE_WINDOW_BYTES = 256 * 1024;

/** Control messages (JSON / structured clone); data travels as binary messages. */
export type ConsoleControl =
  | { type: 'ack'; bytes: number }
  | { type: 'resize'; cols: number; rows: number }
  /** The sender's side ended; error says why when it failed. */
  | { type: 'close'; error?: ErrorReport };

export const consoleControl = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), bytes: z.number().int().min(0) }).strict(),
  z
    .object({
      type: z.literal('resize'),
      cols: z.number().int().min(1).max(1000),
      rows: z.number().int().min(1).max(1000),
    })
    .strict(),
  z.object({ type: z.literal('close'), error: errorReport.optional() }).strict(),
]));

// Console grants (issue 15): one VM's console for one person for a bounded time, enforced on the VM's host by an
// authorized_keys entry of an unprivileged account. What the admin asks for, what a grant is, and the grant file.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { hostName, vmRef } from './schemas.js';

/** A grant's id: 12 hex digits (also the name of its sudoers file on the host, so no dot). */
export const grantId = lazySchema(() => z.string().regex(/^[0-9a-f]{12}$/, 'a grant id is 12 hex digits'));

/** An IPv4 or IPv6 address or CIDR range, as sshd's from= takes it. */
const sourceRange = lazySchema(() => z.string().regex(/^(?:[0-9.]+|[0-9a-fA-F:]+)(?:\/[0-9]{1,3})?$/, 'an address or CIDR range'));

export const grantCreateSpec = lazySchema(() => z
  .object({
    ref: vmRef,
    /** The person the grant is for (shown in lists; stored on the host). */
    for: z.string().trim().min(1).max(64).regex(/^[^\p{Cc}]+$/u, 'no control characters'),
    /** The grant's end (ISO-8601, in the future). */
    until: z.iso.datetime({ offset: true }),
    vnc: z.boolean(),
    serial: z.boolean(),
    /** Enforced by the client (support mode); the host enforces the rest. */
    viewOnly: z.boolean(),
    from: z.array(sourceRange).max(16).optional(),
    /** Protects the grant file's private key (OpenSSH key encryption); passed on to the person separately. */
    passphrase: z.string().min(8).max(1024),
    /** The admin's consent to create the console account on the host when it does not exist yet. */
    createAccount: z.boolean(),
    /** Where the core writes the grant file too (mode 0600): a path the user picked to save (local-files.ts). */
    file: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => s.vnc || s.serial, { message: 'a grant gives VNC, serial or both', path: ['vnc'] }));

export const grantInfo = lazySchema(() => z.object({
  id: grantId,
  host: hostName,
  vm: z.string(),
  uuid: z.string(),
  for: z.string(),
  until: z.string(),
  vnc: z.boolean(),
  serial: z.boolean(),
  viewOnly: z.boolean(),
  from: z.array(z.string()),
  account: z.string(),
  /** The VM's VNC port on the host's loopback (null without VNC). */
  vncPort: z.number().int().nullable(),
}));
export type GrantInfo = z.output<typeof grantInfo>;

/** The grant file handed to the person: everything support mode (or plain OpenSSH) needs, nothing else. */
export const grantFile = lazySchema(() => z
  .object({
    kind: z.literal('virtdeck-console-grant'),
    version: z.literal(1),
    id: grantId,
    ssh: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535), user: z.string().min(1) }).strict(),
    /** The host's SSH key: type and SHA256 fingerprint (as `ssh-keygen -l` prints it). */
    hostKey: z.object({ type: z.string().min(1), fingerprint: z.string().min(1) }).strict(),
    vm: z.object({ name: z.string(), uuid: z.string() }).strict(),
    vnc: z.object({ port: z.number().int().min(1).max(65535), password: z.string() }).strict().nullable(),
    serial: z.boolean(),
    viewOnly: z.boolean(),
    for: z.string(),
    window: z.object({ from: z.string(), until: z.string() }).strict(),
    /** OpenSSH private key, encrypted with the grant's passphrase. */
    privateKey: z.string().min(1),
  })
  .strict());
export type GrantFile = z.output<typeof grantFile>;

/** The grant file as written to disk (the CLI's --out, the app's save dialog). */
export const grantFileText = (file: GrantFile): string => `${JSON.stringify(file, null, 2)}\n`;

export const grantCreated = lazySchema(() => z.object({ grant: grantInfo, file: grantFile }));
export const grantListFilter = lazySchema(() => z.object({ host: hostName.optional(), vm: z.string().min(1).optional() }).strict());

/** Support mode: a grant file the user picked (local-files.ts) and its passphrase. */
export const grantOpenSpec = lazySchema(() => z.object({ file: z.string().min(1), passphrase: z.string().min(1).max(1024) }).strict());

/** A support session's id (the core's, for this front end's console channels). */
export const supportSessionId = lazySchema(() => z.string().regex(/^[0-9a-f]{16}$/, 'a support session id is 16 hex digits'));

/** What support mode shows: the one VM, its consoles, the grant's end and view-only; the VNC password noVNC sends. */
export const supportSession = lazySchema(() => z.object({
  id: supportSessionId,
  grant: grantId,
  /** The VM's host as the grant file names it (its SSH address). */
  host: z.string(),
  vm: z.object({ name: z.string(), uuid: z.string() }),
  for: z.string(),
  until: z.string(),
  viewOnly: z.boolean(),
  serial: z.boolean(),
  vnc: z.object({ password: z.string() }).nullable(),
}));
export type SupportSession = z.output<typeof supportSession>;

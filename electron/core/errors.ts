// The one error boundary of the core: CoreError(code, params) from the closed list in shared/model/errors.ts, and
// toCoreError, the one place where libvirt, SSH, inventory and any other thrown value become a CoreError. Front ends
// word the code; the core never sends a sentence.
import { type ErrorCode, type ErrorParams, type ErrorParamValues, type ErrorReport } from '../../shared/model/errors.js';
import { InventoryError } from '../inventory/errors.js';
import { LibvirtConnectionClosedError, LibvirtError, LibvirtProtocolError } from '../libvirt/errors.js';
import { XdrError } from '../libvirt/xdr/errors.js';
import { XmlModelError, XmlParseError } from '../libvirt/xml/errors.js';
import {
  SshAuthError,
  SshError,
  SshHostKeyChangedError,
  SshHostKeyRejectedError,
  SshOfflineError,
  SshOutputLimitError,
  SshUnreachableError,
} from '../ssh/errors.js';
import { SeedValidationError } from './cloudinit/types.js';

export class CoreError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly params: ErrorParamValues;
  /** The input field the error is about, when it comes from checking an input. */
  readonly field: string | undefined;

  constructor(code: C, params: ErrorParams<C>, options?: { cause?: unknown; field?: string }) {
    // The message is for logs and stack traces only; front ends word the code.
    super(`${code} ${JSON.stringify(params)}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    this.params = params;
    this.field = options?.field;
  }

  /** Raises a report made elsewhere (a pure check's problem, a nested cause). */
  static from(r: ErrorReport, cause?: unknown): CoreError {
    return new CoreError<ErrorCode>(r.code, r.params as ErrorParams<ErrorCode>, { cause, ...(r.field === undefined ? {} : { field: r.field }) });
  }

  report(): ErrorReport {
    return this.field === undefined ? { code: this.code, params: this.params } : { code: this.code, params: this.params, field: this.field };
  }
}

/** The first line of a lower layer's own message (kept as a param, never as our sentence). */
function firstLine(err: Error): string {
  return err.message.split('\n')[0]?.trim() || err.name;
}

/** Any thrown value as a CoreError: libvirt, SSH and inventory errors by their kind, anything else as internal. */
export function toCoreError(err: unknown): CoreError {
  if (err instanceof CoreError) return err;
  const cause = { cause: err };
  if (err instanceof SshError) return sshError(err);
  if (err instanceof LibvirtError) return new CoreError('libvirt.error', { message: firstLine(err), virCode: err.code }, cause);
  if (err instanceof LibvirtConnectionClosedError) return new CoreError('libvirt.closed', { message: firstLine(err) }, cause);
  if (err instanceof LibvirtProtocolError || err instanceof XdrError) return new CoreError('libvirt.protocol', { message: firstLine(err) }, cause);
  if (err instanceof XmlParseError) return new CoreError('xml.parse', { reason: err.reason, line: err.line ?? 0, column: err.column ?? 0 }, cause);
  if (err instanceof XmlModelError) return new CoreError('xml.invalid', { message: firstLine(err) }, cause);
  if (err instanceof InventoryError) return inventoryError(err);
  if (err instanceof SeedValidationError) {
    const first = err.issues.find((i) => i.severity === 'error') ?? err.issues[0];
    if (first) return CoreError.from({ ...first.problem, field: first.path }, err);
  }
  if (err instanceof Error) return new CoreError('internal', { message: firstLine(err) }, cause);
  return new CoreError('internal', { message: String(err) }, cause);
}

/** toCoreError as a report, for data that carries an error (task results, host status). */
export function errorReport(err: unknown): ErrorReport {
  return toCoreError(err).report();
}

function sshError(err: SshError): CoreError {
  const cause = { cause: err };
  if (err instanceof SshAuthError) return new CoreError('ssh.auth', { target: err.target, tried: err.tried, detail: err.detail ?? '' }, cause);
  if (err instanceof SshHostKeyChangedError) {
    const { target, keyType, fingerprint, file, line } = err;
    return new CoreError('ssh.host-key-changed', { target, keyType, fingerprint, file, line }, cause);
  }
  if (err instanceof SshHostKeyRejectedError) {
    const { target, keyType, fingerprint } = err;
    if (err.reason === 'revoked') {
      return new CoreError('ssh.host-key-revoked', { target, keyType, fingerprint, file: err.where?.file ?? '', line: err.where?.line ?? 0 }, cause);
    }
    if (err.reason === 'contradicted') return new CoreError('ssh.host-key-contradicted', { target, keyType, fingerprint }, cause);
    return new CoreError('ssh.host-key-declined', { target, keyType, fingerprint }, cause);
  }
  if (err instanceof SshUnreachableError) return new CoreError('ssh.unreachable', { target: err.target, reason: err.reason }, cause);
  if (err instanceof SshOfflineError) return new CoreError('ssh.offline', { target: err.target }, cause);
  if (err instanceof SshOutputLimitError) return new CoreError('host.output-limit', { target: err.target, command: err.command, limitBytes: err.limitBytes }, cause);
  return new CoreError(err.code === 'SSH_CHANNEL' ? 'ssh.channel' : 'ssh.protocol', { message: firstLine(err) }, cause);
}

function inventoryError(err: InventoryError): CoreError {
  const p = err.params;
  const cause = { cause: err };
  const text = (name: string): string => String(p[name] ?? '');
  switch (err.code) {
    case 'host-exists':
      return new CoreError('host.exists', { host: text('host') }, cause);
    case 'host-not-found':
      return new CoreError('host.not-found', { host: text('host') }, cause);
    case 'image-exists':
      return new CoreError('image.exists', { host: text('host'), name: text('name') }, cause);
    case 'volume-registered':
      return new CoreError('image.volume-registered', { host: text('host'), pool: text('pool'), volume: text('volume') }, cause);
    case 'schema-too-new':
      return new CoreError('inventory.too-new', { file: text('file'), version: Number(p.version), known: Number(p.known) }, cause);
    case 'invalid':
      return new CoreError('inventory.invalid', { message: firstLine(err) }, cause);
  }
}

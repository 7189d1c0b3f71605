// Typed SSH errors. Each message is one line a user can act on; fields carry the details for code.

export type SshErrorCode =
  | 'SSH_AUTH'
  | 'SSH_HOST_KEY_CHANGED'
  | 'SSH_HOST_KEY_REJECTED'
  | 'SSH_UNREACHABLE'
  | 'SSH_OFFLINE'
  | 'SSH_CHANNEL'
  | 'SSH_OUTPUT_LIMIT'
  | 'SSH_PROTOCOL';

export class SshError extends Error {
  readonly code: SshErrorCode;
  constructor(code: SshErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Every authentication method was refused (or could not be used). `tried` lists what was offered. */
export class SshAuthError extends SshError {
  constructor(
    readonly target: string,
    readonly tried: string[],
    readonly detail?: string,
  ) {
    const list = tried.length > 0 ? tried.join(', ') : 'nothing (no agent, key or password available)';
    super('SSH_AUTH', `Authentication failed for ${target}: tried ${list}${detail ? ` (${detail})` : ''}`);
  }
}

/** The host presented a key that differs from the one recorded in known_hosts: possible man-in-the-middle. */
export class SshHostKeyChangedError extends SshError {
  constructor(
    readonly target: string,
    readonly fingerprint: string,
    readonly keyType: string,
    readonly expectedFingerprints: string[],
    readonly file: string,
    readonly line: number,
  ) {
    super(
      'SSH_HOST_KEY_CHANGED',
      `Host key for ${target} has changed (now ${keyType} ${fingerprint}); refusing to connect. ` +
        `If the change is expected, remove the old entry at ${file}:${line}`,
    );
  }
}

/**
 * The host key was not accepted: the user declined an unknown key, known_hosts marks it @revoked, or the machine's
 * own report of its keys (a guest's serial console) names other keys.
 */
export class SshHostKeyRejectedError extends SshError {
  constructor(
    readonly target: string,
    readonly fingerprint: string,
    readonly keyType: string,
    readonly reason: 'declined' | 'revoked' | 'contradicted',
    readonly where?: { file: string; line: number },
  ) {
    super(
      'SSH_HOST_KEY_REJECTED',
      reason === 'revoked'
        ? `Host key ${keyType} ${fingerprint} of ${target} is revoked (${where?.file}:${where?.line}); refusing to connect`
        : reason === 'contradicted'
          ? `Host key ${keyType} ${fingerprint} of ${target} is not one the machine itself reported (its serial console); refusing to connect`
          : `Host key ${keyType} ${fingerprint} of ${target} was not trusted; not connected`,
    );
  }
}

/** A command printed more than the caller wanted to hold in memory: it was stopped; the connection stays up. */
export class SshOutputLimitError extends SshError {
  constructor(
    readonly target: string,
    readonly command: string,
    readonly limitBytes: number,
  ) {
    super('SSH_OUTPUT_LIMIT', `Output of ${command} on ${target} passed ${limitBytes} bytes (the limit); the command was stopped`);
  }
}

/** TCP connect refused / no route / DNS failure / handshake timeout / jump host could not reach the target. */
export class SshUnreachableError extends SshError {
  constructor(
    readonly target: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('SSH_UNREACHABLE', `Cannot reach ${target}: ${reason}`, options);
  }
}

/** The connection is not online (dropped, reconnecting, failed or closed); calls fail at once instead of hanging. */
export class SshOfflineError extends SshError {
  constructor(
    readonly target: string,
    readonly state: string,
    options?: { cause?: unknown },
  ) {
    super('SSH_OFFLINE', `SSH connection to ${target} is ${state}`, options);
  }
}

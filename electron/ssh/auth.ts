// Client authentication as OpenSSH does it: agent, then key files (asking for passphrases), then
// keyboard-interactive or password. Drives ssh2's authHandler one method at a time and remembers what was tried,
// for a useful error message. Every question says whether the previous answer to it was refused (`retry`), so a
// front end that remembers secrets knows when to drop one — and only then.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type {
  AnyAuthMethod,
  AuthenticationType,
  AuthHandlerMiddleware,
  KeyboardInteractiveCallback,
  ParsedKey,
  Prompt,
} from 'ssh2';
import type { KeyboardInteractivePrompt } from '../../shared/model/host.js';
import { ssh2 } from './ssh2.js';

export interface AuthOptions {
  user: string;
  /** Host name shown to the password prompt. */
  host: string;
  /** ssh-agent socket; unused when empty, missing, or identitiesOnly. */
  agent?: string | undefined;
  identityFiles: string[];
  identitiesOnly: boolean;
  askPassphrase?: ((keyFile: string, retry: boolean) => Promise<string | null>) | undefined;
  askPassword?: ((user: string, host: string, retry: boolean) => Promise<string | null>) | undefined;
  askKeyboardInteractive?: ((p: KeyboardInteractivePrompt) => Promise<string | null>) | undefined;
  /**
   * `user@host` whose last password the server refused; the caller keeps it across sessions so the first question
   * of the next attempt (a reconnect) still says `retry`. Updated here: added on refusal, removed when a new
   * password is sent.
   */
  refusedPasswords?: Set<string>;
  /** Told when a user prompt starts (true) and ends (false), so handshake timeouts can pause. */
  onPrompt?: (active: boolean) => void;
}

export interface AuthSession {
  handler: AuthHandlerMiddleware;
  /** Methods offered to the server, e.g. ["agent", "~/.ssh/id_ed25519", "password"]. */
  tried: string[];
  /** Why some methods could not be offered (wrong passphrase, unreadable key). */
  problems: string[];
}

/** Passphrase tries per key, and password / keyboard-interactive rounds per session (OpenSSH's default: 3). */
const MAX_TRIES = 3;

interface Step {
  /** The server-side methods this can use; it is skipped when the server's list has none of them. */
  needs: AuthenticationType[];
  label: string;
  build(authsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | null>;
}

export function displayPath(path: string): string {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/** A keyboard-interactive prompt that asks for the account password (not an OTP or PIN): answered like one. */
export function isPasswordPrompt(p: Prompt): boolean {
  return !p.echo && /password/i.test(p.prompt);
}

export function createAuthSession(opts: AuthOptions): AuthSession {
  const tried: string[] = [];
  const problems: string[] = [];
  const username = opts.user;
  const steps: Step[] = [];
  const account = `${opts.user}@${opts.host}`;
  const refused = opts.refusedPasswords ?? new Set<string>();
  let cancelled = false;
  /** The last method sent carried the password: a plain failure means the server refused it. */
  let passwordPending = false;

  const ask = async <T>(prompt: () => Promise<T>): Promise<T> => {
    opts.onPrompt?.(true);
    try {
      return await prompt();
    } finally {
      opts.onPrompt?.(false);
    }
  };

  const password = async (askPassword: NonNullable<AuthOptions['askPassword']>): Promise<string | null> => {
    const answer = await ask(() => askPassword(opts.user, opts.host, refused.has(account)));
    if (answer === null) {
      cancelled = true;
      return null;
    }
    refused.delete(account);
    passwordPending = true;
    return answer;
  };

  if (opts.agent && !opts.identitiesOnly && existsSync(opts.agent)) {
    const agent = opts.agent;
    steps.push({ needs: ['publickey'], label: 'agent', build: async () => ({ type: 'agent', username, agent }) });
  }

  for (const file of opts.identityFiles) {
    const label = displayPath(file);
    steps.push({
      needs: ['publickey'],
      label,
      build: async () => {
        let data: Buffer;
        try {
          data = await readFile(file);
        } catch {
          return null; // absent default keys are normal
        }
        let key = firstKey((await ssh2()).utils.parseKey(data));
        if (key instanceof Error && /no passphrase given/i.test(key.message)) {
          const askPassphrase = opts.askPassphrase;
          if (!askPassphrase) {
            problems.push(`${label} is encrypted and no passphrase prompt is available`);
            return null;
          }
          for (let attempt = 0; key instanceof Error; attempt++) {
            if (attempt === MAX_TRIES) {
              problems.push(`wrong passphrase for ${label}`);
              return null;
            }
            const passphrase = await ask(() => askPassphrase(file, attempt > 0));
            if (passphrase === null) {
              problems.push(`no passphrase given for ${label}`);
              return null;
            }
            key = firstKey((await ssh2()).utils.parseKey(data, passphrase));
          }
        }
        if (key instanceof Error || !key.isPrivateKey()) {
          problems.push(`${label} is not a usable private key`);
          return null;
        }
        return { type: 'publickey', username, key };
      },
    });
  }

  const { askPassword, askKeyboardInteractive } = opts;
  if (askPassword || askKeyboardInteractive) {
    for (let i = 0; i < MAX_TRIES; i++) {
      steps.push({
        needs: ['keyboard-interactive', 'password'],
        label: 'password',
        build: async (authsLeft) => {
          if (cancelled) return null;
          // keyboard-interactive first, as OpenSSH does: PAM servers often offer nothing else.
          if (!authsLeft || authsLeft.includes('keyboard-interactive')) {
            return { type: 'keyboard-interactive', username, prompt: keyboardInteractive };
          }
          if (!askPassword) return null;
          const secret = await password(askPassword);
          return secret === null ? null : { type: 'password', username, password: secret };
        },
      });
    }
  }

  /** Each prompt of a round is asked on its own: the password as a password, anything else (an OTP) as itself. */
  const keyboardInteractive = (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback): void => {
    void (async () => {
      const answers: string[] = [];
      for (const p of prompts) {
        const answer =
          isPasswordPrompt(p) && askPassword
            ? await password(askPassword)
            : askKeyboardInteractive
              ? await ask(() => askKeyboardInteractive({ user: opts.user, host: opts.host, name, instructions, prompt: p.prompt, echo: p.echo ?? false }))
              : null;
        if (answer === null) {
          cancelled = true;
          break;
        }
        answers.push(answer);
      }
      // Fewer answers than prompts: the server fails this round.
      finish(answers.length === prompts.length ? answers : []);
    })();
  };

  const handler: AuthHandlerMiddleware = (authsLeft, partialSuccess, next) => {
    if (passwordPending && !partialSuccess) refused.add(account);
    passwordPending = false;
    // ssh2 passes null before the first attempt (its typings say otherwise).
    const left = (authsLeft as AuthenticationType[] | null) ?? null;
    void (async () => {
      for (let step = steps.shift(); step; step = steps.shift()) {
        if (left && !step.needs.some((m) => left.includes(m))) continue;
        const method = await step.build(left);
        if (method) {
          if (tried.at(-1) !== step.label) tried.push(step.label);
          next(method);
          return;
        }
      }
      next(false as unknown as AnyAuthMethod); // false = no more methods (missing from the typings)
    })().catch(() => next(false as unknown as AnyAuthMethod));
  };

  return { handler, tried, problems };
}

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(parsed) ? (parsed[0] ?? new Error('no key in file')) : parsed;
}

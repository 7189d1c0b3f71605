// Client authentication as OpenSSH does it: agent, then key files (asking for passphrases), then password.
// Drives ssh2's authHandler one method at a time and remembers what was tried, for a useful error message.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, ParsedKey } from 'ssh2';
import { ssh2 } from './ssh2.js';

export interface AuthOptions {
  user: string;
  /** Host name shown to the password prompt. */
  host: string;
  /** ssh-agent socket; unused when empty, missing, or identitiesOnly. */
  agent?: string | undefined;
  identityFiles: string[];
  identitiesOnly: boolean;
  askPassphrase?: ((keyFile: string) => Promise<string | null>) | undefined;
  askPassword?: ((user: string, host: string) => Promise<string | null>) | undefined;
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

const MAX_PASSWORD_TRIES = 3;

interface Step {
  /** The server-side method this needs in the server's list of methods that can continue. */
  needs: AuthenticationType[];
  label: string;
  build(authsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | null>;
}

export function displayPath(path: string): string {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

export function createAuthSession(opts: AuthOptions): AuthSession {
  const tried: string[] = [];
  const problems: string[] = [];
  const username = opts.user;
  const steps: Step[] = [];
  let passwordCancelled = false;

  const ask = async <T>(prompt: () => Promise<T>): Promise<T> => {
    opts.onPrompt?.(true);
    try {
      return await prompt();
    } finally {
      opts.onPrompt?.(false);
    }
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
        let key = firstKey(ssh2().utils.parseKey(data));
        if (key instanceof Error && /no passphrase given/i.test(key.message)) {
          const askPassphrase = opts.askPassphrase;
          if (!askPassphrase) {
            problems.push(`${label} is encrypted and no passphrase prompt is available`);
            return null;
          }
          const passphrase = await ask(() => askPassphrase(file));
          if (passphrase === null) {
            problems.push(`no passphrase given for ${label}`);
            return null;
          }
          key = firstKey(ssh2().utils.parseKey(data, passphrase));
          if (key instanceof Error) {
            problems.push(`wrong passphrase for ${label}`);
            return null;
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

  const askPassword = opts.askPassword;
  if (askPassword) {
    for (let i = 0; i < MAX_PASSWORD_TRIES; i++) {
      steps.push({
        needs: ['password', 'keyboard-interactive'],
        label: 'password',
        build: async (authsLeft) => {
          if (passwordCancelled) return null;
          const password = await ask(() => askPassword(opts.user, opts.host));
          if (password === null) {
            passwordCancelled = true;
            return null;
          }
          if (!authsLeft || authsLeft.includes('password')) return { type: 'password', username, password };
          // Servers with PAM often offer only keyboard-interactive; answer every prompt with the password.
          return {
            type: 'keyboard-interactive',
            username,
            prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
          };
        },
      });
    }
  }

  const handler: AuthHandlerMiddleware = (authsLeft, _partialSuccess, next) => {
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

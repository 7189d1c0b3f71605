// Turns the core's prompt callbacks into PromptRequests for whichever front end is attached (the app's window
// or a web API client). Without one, every question is answered "no", so the core never hangs.
import type { CorePrompts } from '../core/prompts.js';
import type { PromptAnswer, PromptHandler, PromptRequest } from '../../shared/ipc/front-end.js';

export interface PromptRelay {
  readonly prompts: CorePrompts;
  setHandler(handler: PromptHandler | null): void;
}

const DECLINE: PromptAnswer = { accept: false };

export function createPromptRelay(): PromptRelay {
  let handler: PromptHandler | null = null;
  const ask = async (request: PromptRequest): Promise<PromptAnswer> => {
    if (!handler) return DECLINE;
    try {
      return await handler(request);
    } catch {
      return DECLINE;
    }
  };
  const secret = (answer: PromptAnswer): string | null => (answer.accept && answer.secret !== undefined ? answer.secret : null);
  return {
    prompts: {
      hostKey: async (hostKey) => (await ask({ kind: 'host-key', hostKey })).accept,
      passphrase: async (keyFile, retry) => secret(await ask({ kind: 'passphrase', keyFile, retry })),
      password: async (user, host, retry) => secret(await ask({ kind: 'password', user, host, retry })),
      keyboardInteractive: async (prompt) => secret(await ask({ kind: 'keyboard-interactive', prompt })),
    },
    setHandler(next) {
      handler = next;
    },
  };
}

/** Answers arrive from the renderer: check their shape before the core sees them. */
export function isPromptAnswer(value: unknown): value is PromptAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.accept === 'boolean' &&
    (a.secret === undefined || typeof a.secret === 'string') &&
    (a.remember === undefined || typeof a.remember === 'boolean')
  );
}

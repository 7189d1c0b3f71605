// JSON messages on the loopback web API's /api WebSocket. Console bytes use their own WebSocket (/console/<id>).
import type { CallResult } from './contract.js';
import type { ConsoleOpenRequest } from './consoles.js';
import type { PromptAnswer, PromptRequest } from './front-end.js';
import type { CoreEvent } from '../model/events.js';

export type WebApiClientMessage =
  | { type: 'call'; id: number; name: string; input: unknown }
  /** Answered by a result whose value is { consoleId }: connect to /console/<consoleId> within 10 s. */
  | { type: 'console'; id: number; request: ConsoleOpenRequest }
  | { type: 'prompt-answer'; id: number; answer: PromptAnswer };

export type WebApiServerMessage =
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'event'; event: CoreEvent }
  | { type: 'prompt'; id: number; request: PromptRequest };

export interface ConsoleOpened {
  consoleId: string;
}

/** The WebSocket subprotocol the web API speaks (and answers with). */
export const WEBAPI_PROTOCOL = 'virtdeck';
/** A WebSocket client presents the session token as one more subprotocol: this prefix, then the token. */
export const WEBAPI_TOKEN_PROTOCOL_PREFIX = 'virtdeck.token.';

/** The subprotocols a client offers: the web API's own, and the token (base64url: valid in a protocol name). */
export function webApiProtocols(token: string): string[] {
  return [WEBAPI_PROTOCOL, `${WEBAPI_TOKEN_PROTOCOL_PREFIX}${token}`];
}

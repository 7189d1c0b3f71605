// Validates a console request and opens the matching core channel.
import type { ConsoleChannels } from '../core/api.js';
import type { CallResult } from '../../shared/ipc/contract.js';
import { consoleOpenRequest } from '../../shared/ipc/consoles.js';
import type { ConsoleStream } from './console-pump.js';
import { badInput } from '../core/dispatch.js';
import { errorEnvelope } from '../core/envelope.js';

export async function openConsoleStream(consoles: ConsoleChannels, request: unknown): Promise<CallResult<ConsoleStream>> {
  const parsed = consoleOpenRequest.safeParse(request);
  if (!parsed.success) return badInput('console', parsed.error);
  const req = parsed.data;
  try {
    switch (req.kind) {
      case 'serial':
        return { ok: true, value: await consoles.openSerial(req.ref) };
      case 'vnc':
        return { ok: true, value: await consoles.openVnc(req.ref) };
      case 'guest-shell':
        return { ok: true, value: await consoles.openGuestShell(req.ref, { user: req.user, cols: req.cols, rows: req.rows, ...(req.ip ? { ip: req.ip } : {}) }) };
      case 'grant-vnc':
        return { ok: true, value: await consoles.openSupportVnc(req.session) };
      case 'grant-serial':
        return { ok: true, value: await consoles.openSupportSerial(req.session) };
    }
  } catch (err) {
    return errorEnvelope(err);
  }
}

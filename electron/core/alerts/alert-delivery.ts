// Sends one alert to one target: a webhook gets a JSON POST, an SMTP target a mail (nodemailer, loaded on first
// use). A failure is a CoreError('alert.undelivered') naming the target and the reason.
import { targetLabel } from '../../../shared/model/alert-words.js';
import type { AlertRecord, AlertTarget, SmtpSpec } from '../../../shared/model/alerts.js';
import { CoreError } from '../errors.js';

/** A target that does not answer within this is given up (the next alert tries again). */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** What is sent: the alert (null for a target test) and its English line. */
export interface AlertMessage {
  alert: AlertRecord | null;
  text: string;
}

export async function deliver(target: AlertTarget, message: AlertMessage): Promise<void> {
  try {
    if (target.kind === 'webhook') await postJson(target.url, message);
    else await sendMail(target, message);
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw new CoreError('alert.undelivered', { target: targetLabel(target), reason: reasonOf(err) });
  }
}

/** An error's message, with its cause's (fetch says only "fetch failed"; the cause says ECONNREFUSED). */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}

async function postJson(url: string, message: AlertMessage): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'virtdeck', ...message }),
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

async function sendMail(t: SmtpSpec, message: AlertMessage): Promise<void> {
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: t.host,
    port: t.port,
    secure: t.secure,
    ...(t.user ? { auth: { user: t.user, pass: t.password ?? '' } } : {}),
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: t.from,
      to: t.to,
      subject: `[VirtDeck] ${message.text}`,
      text: `${message.text}\n\n${JSON.stringify(message.alert, null, 2)}\n`,
    });
  } finally {
    transport.close();
  }
}

// Schemas of the alert calls: rules, delivery targets, history.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { ALERT_RULE_IDS, ALERT_STATES } from '../model/alerts.js';

export const alertRuleId = lazySchema(() => z.enum(ALERT_RULE_IDS));

export const alertRule = lazySchema(() => z.object({ id: alertRuleId, enabled: z.boolean(), threshold: z.number().min(1).max(100).nullable() }).strict());

const webhookSpec = lazySchema(() => z.object({ kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }).strict());

const mailbox = lazySchema(() => z.string().min(3).max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/));

const smtpSpec = lazySchema(() => z
  .object({
    kind: z.literal('smtp'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().min(1).max(320).nullable(),
    password: z.string().max(1000).nullable(),
    from: mailbox,
    to: z.array(mailbox).min(1).max(50),
  })
  .strict());

export const alertTargetSpec = lazySchema(() => z.discriminatedUnion('kind', [webhookSpec, smtpSpec]));

/** A stored target as lists show it: an SMTP password only as "***" when one is set. */
export const alertTarget = lazySchema(() => z.intersection(z.object({ id: z.number().int() }), alertTargetSpec));

export const alertRecord = lazySchema(() => z.object({
  id: z.number().int(),
  rule: alertRuleId,
  key: z.string(),
  host: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  state: z.enum(ALERT_STATES),
  firedAt: z.string(),
  clearedAt: z.string().nullable(),
}));

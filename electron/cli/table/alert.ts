// virtdeck alert list | rule list|set|add|rm | target list|add|rm|test
import { ALERT_RULE_IDS, ALERT_TARGET_KINDS } from '../../../shared/model/alerts.js';
import { JSON_FLAG, from } from './common.js';
import type { GroupDef } from './types.js';

const code = () => import('../commands/alert.js');
const RULE_ARG = { name: 'RULE', choices: ALERT_RULE_IDS };
const THRESHOLD = { name: 'threshold', value: 'PERCENT', help: 'fire at this % (pool-full, host-memory)' };
const ID_ARG = { name: 'ID' };

export const alertGroup: GroupDef = {
  name: 'alert',
  summary: 'alert rules, where alerts are sent (webhook, mail) and the alert history',
  details: 'Rules are evaluated by the app and by `virtdeck watch`. On by default: host-offline, vm-stopped (without a\n' +
    'VirtDeck action), pool-full (90 %), ip-conflict and task-failed: adding a target is enough.\n' +
    'Rules, targets and history live in $VIRTDECK_HOME/alerts.sqlite.',
  commands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'alert history, newest first',
      flags: [{ name: 'firing', help: 'only the alerts firing now' }, { name: 'limit', value: 'N', help: 'at most N (default 100)' }, JSON_FLAG],
      load: from(code, 'history'),
    },
    {
      name: 'rule',
      summary: 'the rules: which are on, and their thresholds',
      commands: [
        { name: 'list', aliases: ['ls'], summary: 'every rule, on or off, with its threshold', flags: [JSON_FLAG], load: from(code, 'rules') },
        {
          name: 'set',
          summary: 'turn a rule on or off and/or set its threshold',
          args: [RULE_ARG],
          flags: [{ name: 'on', help: 'turn it on' }, { name: 'off', help: 'turn it off (its alerts clear)' }, THRESHOLD],
          load: from(code, 'ruleSet'),
        },
        { name: 'add', summary: 'turn a rule on (same as set RULE --on)', args: [RULE_ARG], flags: [THRESHOLD], load: from(code, 'ruleSet') },
        { name: 'rm', summary: 'turn a rule off (same as set RULE --off)', args: [RULE_ARG], load: from(code, 'ruleSet') },
      ],
    },
    {
      name: 'target',
      summary: 'where alerts are sent',
      commands: [
        { name: 'list', aliases: ['ls'], summary: 'every target', flags: [JSON_FLAG], load: from(code, 'targets') },
        {
          name: 'add',
          summary: 'send alerts to a webhook (JSON POST to URL) or by mail (SMTP)',
          args: [{ name: 'KIND', choices: ALERT_TARGET_KINDS }, { name: 'URL', optional: true }],
          flags: [
            { name: 'smtp-host', value: 'HOST', help: 'smtp: the mail server' },
            { name: 'port', value: 'PORT', help: 'smtp: its port (default 587, with --tls 465)' },
            { name: 'tls', help: 'smtp: TLS from the first byte (else STARTTLS when offered)' },
            { name: 'user', value: 'NAME', help: 'smtp: log in as NAME' },
            { name: 'password-stdin', help: 'smtp: read the password from stdin' },
            { name: 'from', value: 'ADDRESS', help: 'smtp: sender' },
            { name: 'to', value: 'ADDRESS', repeat: true, help: 'smtp: recipient' },
            { name: 'test', help: 'send a test message right away' },
          ],
          details: 'virtdeck alert target add webhook https://hooks.example.com/virtdeck\n' +
            'virtdeck alert target add smtp --smtp-host mail.example.com --from vd@example.com --to ops@example.com',
          load: from(code, 'targetAdd'),
        },
        { name: 'rm', summary: 'stop sending to a target', args: [ID_ARG], load: from(code, 'targetRemove') },
        { name: 'test', summary: 'send a test message to a target now', args: [ID_ARG], load: from(code, 'targetTest') },
      ],
    },
  ],
};

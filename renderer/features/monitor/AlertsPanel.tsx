// The Monitor tab's alerts: rules (on/off, thresholds), delivery targets (webhook, mail) and the history.
import { Badge, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type AlertRule, type AlertTargetSpec, THRESHOLD_RULES } from '../../../shared/model/alerts.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useAlerts } from '../../state/alerts-slice.js';
import { alertText } from './alert-words.js';

function RuleRow({ rule }: { rule: AlertRule }) {
  const t = useT();
  const setRule = useAlerts((s) => s.setRule);
  const save = (r: AlertRule) => void withToast(t('alert.saveFailed'), () => setRule(r));
  return (
    <Table.Tr data-testid={`alert-rule-${rule.id}`}>
      <Table.Td>
        <Switch checked={rule.enabled} label={t(`alert.rule.${rule.id}`)} onChange={(e) => save({ ...rule, enabled: e.currentTarget.checked })} data-testid={`alert-rule-switch-${rule.id}`} />
      </Table.Td>
      <Table.Td>
        {THRESHOLD_RULES.includes(rule.id) && (
          <NumberInput
            size="xs"
            w={90}
            min={1}
            max={100}
            suffix=" %"
            defaultValue={rule.threshold ?? 90}
            aria-label={t('alert.threshold')}
            data-testid={`alert-threshold-${rule.id}`}
            onBlur={(e) => {
              const v = Number.parseFloat(e.currentTarget.value);
              if (v >= 1 && v <= 100 && v !== rule.threshold) save({ ...rule, threshold: v });
            }}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function TargetForm() {
  const t = useT();
  const addTarget = useAlerts((s) => s.addTarget);
  const [kind, setKind] = useState<'webhook' | 'smtp'>('webhook');
  const [url, setUrl] = useState('');
  const [mail, setMail] = useState({ host: '', port: 587, from: '', to: '' });
  const spec = (): AlertTargetSpec =>
    kind === 'webhook'
      ? { kind, url: url.trim() }
      : { kind, host: mail.host.trim(), port: mail.port, secure: mail.port === 465, user: null, password: null, from: mail.from.trim(), to: mail.to.split(/[\s,]+/).filter(Boolean) };
  const add = () => void withToast(t('alert.saveFailed'), async () => {
    await addTarget(spec());
    setUrl('');
  });
  return (
    <Stack gap="xs">
      <SegmentedControl size="xs" value={kind} onChange={(v) => setKind(v as 'webhook' | 'smtp')} data={[{ value: 'webhook', label: t('alert.kind.webhook') }, { value: 'smtp', label: t('alert.kind.smtp') }]} data-testid="alert-target-kind" />
      {kind === 'webhook' ? (
        <TextInput size="xs" label={t('alert.url')} placeholder="https://…" value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="alert-target-url" />
      ) : (
        <Group gap="xs" grow>
          <TextInput size="xs" label={t('alert.smtpHost')} value={mail.host} onChange={(e) => setMail({ ...mail, host: e.currentTarget.value })} data-testid="alert-smtp-host" />
          <NumberInput size="xs" label={t('alert.port')} min={1} max={65535} value={mail.port} onChange={(v) => setMail({ ...mail, port: Number(v) || 587 })} data-testid="alert-smtp-port" />
          <TextInput size="xs" label={t('alert.from')} value={mail.from} onChange={(e) => setMail({ ...mail, from: e.currentTarget.value })} data-testid="alert-smtp-from" />
          <TextInput size="xs" label={t('alert.to')} value={mail.to} onChange={(e) => setMail({ ...mail, to: e.currentTarget.value })} data-testid="alert-smtp-to" />
        </Group>
      )}
      <Group>
        <Button size="xs" onClick={add} data-testid="alert-target-add">
          {t('alert.addTarget')}
        </Button>
      </Group>
    </Stack>
  );
}

export function AlertsPanel() {
  const t = useT();
  const { rules, targets, history, load, removeTarget, testTarget } = useAlerts();
  useEffect(() => {
    void withToast(t('alert.loadFailed'), load);
  }, [load, t]);
  return (
    <Paper withBorder p="md" data-testid="alerts-panel">
      <Title order={4} mb="xs">
        {t('alert.title')}
      </Title>
      <Group align="flex-start" grow>
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t('alert.rules')}
          </Text>
          <Table>
            <Table.Tbody>
              {rules.map((r) => (
                <RuleRow key={r.id} rule={r} />
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t('alert.targets')}
          </Text>
          {targets.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('alert.noTargets')}
            </Text>
          )}
          {targets.map((tg) => (
            <Group key={tg.id} gap="xs" data-testid={`alert-target-${tg.id}`}>
              <Badge size="sm">{t(`alert.kind.${tg.kind}`)}</Badge>
              <Text size="xs" style={{ flex: 1 }}>
                {tg.kind === 'webhook' ? tg.url : `${tg.to.join(', ')} · ${tg.host}:${tg.port}`}
              </Text>
              <Button size="compact-xs" variant="default" onClick={() => void withToast(t('alert.testFailed'), () => testTarget(tg.id), t('alert.testSent'))}>
                {t('alert.test')}
              </Button>
              <Button size="compact-xs" color="red" variant="subtle" onClick={() => void withToast(t('alert.saveFailed'), () => removeTarget(tg.id))}>
                {t('alert.remove')}
              </Button>
            </Group>
          ))}
          <TargetForm />
        </Stack>
      </Group>
      <Text fw={500} size="sm" mt="md" mb="xs">
        {t('alert.history')}
      </Text>
      {history.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('alert.noHistory')}
        </Text>
      ) : (
        <Table striped data-testid="alert-history">
          <Table.Tbody>
            {history.slice(0, 50).map((a) => (
              <Table.Tr key={a.id} data-testid={`alert-${a.id}`} data-state={a.state}>
                <Table.Td>
                  <Badge size="sm" color={a.state === 'firing' ? 'red' : 'gray'}>
                    {t(`alert.state.${a.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{alertText(t, a)}</Table.Td>
                <Table.Td>{new Date(a.firedAt).toLocaleString()}</Table.Td>
                <Table.Td>{a.clearedAt ? new Date(a.clearedAt).toLocaleString() : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

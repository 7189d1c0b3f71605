// The Audit tab: who did what to which host or VM, when, and how it ended — this home's log merged with the hosts'
// audit files (what colleagues' VirtDeck installs did there). Filters narrow the table; the filtered rows export as
// CSV through the front end's save path (the app's save dialog, or a browser download).
import { Alert, Badge, Button, Code, Group, ScrollArea, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AUDIT_RESULTS, auditTargetLabel, type AuditEntry, type AuditFilter, type AuditResult } from '../../../shared/model/audit.js';
import { formatDateTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { backend } from '../../state/backend.js';
import { useHosts } from '../../state/hosts-slice.js';
import { auditFilterOf, type AuditForm, EMPTY_AUDIT_FORM } from './audit-filter.js';

const RESULT_COLORS: Readonly<Record<AuditResult, string>> = { ok: 'green', error: 'red', running: 'blue', interrupted: 'orange' };

function ResultBadge({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" variant="light" color={RESULT_COLORS[entry.result]} style={{ flexShrink: 0, overflow: 'visible' }}>
        {t(`audit.result.${entry.result}`)}
      </Badge>
      {entry.code && <Code>{entry.code}</Code>}
    </Group>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const lang = useLanguage();
  const args = Object.entries(entry.args).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  return (
    <Table.Tr data-testid={`audit-row-${entry.id}`} data-result={entry.result}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(lang, entry.at)}</Table.Td>
      <Table.Td>{entry.user}</Table.Td>
      <Table.Td>
        <Code>{entry.action}</Code>
      </Table.Td>
      <Table.Td>{auditTargetLabel(entry)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <ResultBadge entry={entry} />
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" maw={320} truncate title={args}>
          {args}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function AuditView() {
  const t = useT();
  const hosts = useHosts((s) => s.byName);
  const hostNames = useMemo(() => Object.keys(hosts).sort(), [hosts]);
  const [form, setForm] = useState<AuditForm>(EMPTY_AUDIT_FORM);
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [unread, setUnread] = useState<readonly string[]>([]);
  const [loading, setLoading] = useState(false);
  const filter: AuditFilter = useMemo(() => auditFilterOf(form), [form]);
  // The filter the shown rows answer: until the answer for the current one lands, the table is dimmed (a host's
  // audit file of several MiB takes a moment to read) and marked stale for the tests.
  const [shownFor, setShownFor] = useState<AuditFilter | null>(null);
  const current = shownFor === filter && !loading;

  // Only the newest request's answer is shown: an earlier, slower one (e.g. before the filter was typed) is dropped.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const seq = ++latest.current;
    setLoading(true);
    try {
      await withToast(t('audit.loadFailed'), async () => {
        const r = await backend().api['audit.list'](filter);
        if (seq !== latest.current) return;
        setEntries(r.entries);
        setUnread(r.unreadHosts);
        setShownFor(filter);
      });
    } finally {
      if (seq === latest.current) setLoading(false);
    }
  }, [filter, t]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), 250); // typing in the text filter reloads once it pauses
    return () => clearTimeout(timer);
  }, [load]);

  const exportCsv = () =>
    void withToast(t('audit.exportFailed'), async () => {
      const target = await backend().files.saveTarget(`virtdeck-audit-${new Date().toISOString().slice(0, 10)}.csv`);
      if (!target) return;
      const { rows } = await backend().api['audit.export']({ ...filter, file: target.path });
      await target.deliver();
      return rows;
    }, t('audit.exported'));

  const set = (patch: Partial<AuditForm>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <Stack gap="sm" p="md" data-testid="audit-view">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          size="xs"
          w={160}
          label={t('audit.host')}
          placeholder={t('audit.allHosts')}
          data={hostNames}
          value={form.host || null}
          onChange={(v) => set({ host: v ?? '' })}
          clearable
          data-testid="audit-host"
        />
        <TextInput size="xs" w={160} label={t('audit.vm')} value={form.vm} onChange={(e) => set({ vm: e.currentTarget.value })} data-testid="audit-vm" />
        <TextInput size="xs" w={150} type="date" label={t('audit.since')} value={form.since} onChange={(e) => set({ since: e.currentTarget.value })} data-testid="audit-since" />
        <TextInput size="xs" w={150} type="date" label={t('audit.until')} value={form.until} onChange={(e) => set({ until: e.currentTarget.value })} data-testid="audit-until" />
        <Select
          size="xs"
          w={140}
          label={t('audit.result')}
          placeholder={t('audit.anyResult')}
          data={AUDIT_RESULTS.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
          value={form.result || null}
          onChange={(v) => set({ result: (v ?? '') as AuditForm['result'] })}
          clearable
          data-testid="audit-result"
        />
        <TextInput size="xs" w={200} label={t('audit.text')} value={form.text} onChange={(e) => set({ text: e.currentTarget.value })} data-testid="audit-text" />
        <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={loading} onClick={() => void load()} data-testid="audit-refresh">
          {t('audit.refresh')}
        </Button>
        <Button size="xs" leftSection={<IconDownload size={14} />} onClick={exportCsv} disabled={entries.length === 0} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Group>
      {unread.length > 0 && (
        <Alert color="yellow" p="xs" data-testid="audit-unread">
          {t('audit.unread', { hosts: unread.join(', ') })}
        </Alert>
      )}
      <Text size="xs" c="dimmed" data-testid="audit-count">
        {t('audit.count', { count: entries.length })}
      </Text>
      <ScrollArea>
        <Table striped highlightOnHover data-testid="audit-table" data-current={current} style={{ opacity: current ? 1 : 0.6 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.col.time')}</Table.Th>
              <Table.Th>{t('audit.col.user')}</Table.Th>
              <Table.Th>{t('audit.col.action')}</Table.Th>
              <Table.Th>{t('audit.col.target')}</Table.Th>
              <Table.Th>{t('audit.col.result')}</Table.Th>
              <Table.Th>{t('audit.col.args')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <AuditRow key={e.id} entry={e} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {entries.length === 0 && !loading && (
        <Text size="sm" c="dimmed" data-testid="audit-empty">
          {t('audit.empty')}
        </Text>
      )}
    </Stack>
  );
}

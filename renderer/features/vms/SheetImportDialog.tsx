// Import a spreadsheet: pick a CSV/XLSX file, see per VM each fact old → new and the addresses to reserve, and the
// conflicts in red; Apply is disabled while there is any conflict (the core refuses it then too). An apply where some
// VMs failed (their host went away) keeps the dialog open: each row says applied or failed, the failures are listed
// with their reason, and Preview again reads the same sheet for what is left.
import { Alert, Badge, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { report } from '../../../shared/model/errors.js';
import { failedVms, type SheetChange, type SheetVmPlan } from '../../../shared/model/sheet.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { wordReport } from '../../app/errors.js';
import { useT } from '../../app/i18n/index.js';
import { LocalFileInput } from '../../app/LocalFilePicker.js';
import { withToast } from '../../app/notify.js';
import type { LocalFile } from '../../state/backend.js';
import { useSheet } from '../../state/sheet-slice.js';

export function SheetImportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const { plan, busy, preview, recheck, apply, close } = useSheet(
    useShallow((s) => ({ plan: s.plan, busy: s.busy, preview: s.preview, recheck: s.recheck, apply: s.apply, close: s.close })),
  );
  const [file, setFile] = useState<LocalFile | null>(null);
  const factName = (c: SheetChange) => (c.fact === 'field' ? (c.column as string) : t(`details.${c.fact}`));
  const shown = (text: string) => (text === '' ? <Text span c="dimmed" fs="italic">{t('sheet.empty')}</Text> : text);
  const done = async () => {
    await close();
    onClose();
  };
  const pick = (f: LocalFile | null) => {
    setFile(f);
    if (f) void withToast(t('sheet.previewFailed'), () => preview(f));
    else void close();
  };
  const onApply = async () => {
    const r = await withToast(t('sheet.applyFailed'), () => apply());
    if (!r) return;
    const applied = r.vms.filter((v) => v.outcome === 'applied').length;
    if (applied > 0) notifications.show({ message: t('sheet.applied', { count: applied }), color: 'teal', autoClose: 4000 });
    if (failedVms(r).length === 0) await done();
  };
  const changes = plan?.vms.reduce((n, v) => n + v.changes.length + v.reserve.length, 0) ?? 0;
  const conflicts = plan?.conflicts.length ?? 0;
  const failed = plan ? failedVms(plan) : [];
  const outcome = (vm: SheetVmPlan) =>
    plan?.applied ? (
      <Table.Td>
        <Badge variant="light" color={vm.outcome === 'failed' ? 'red' : 'teal'} data-testid="sheet-outcome" data-outcome={vm.outcome}>
          {t(vm.outcome === 'failed' ? 'sheet.outcomeFailed' : 'sheet.outcomeApplied')}
        </Badge>
      </Table.Td>
    ) : null;
  return (
    <Modal opened onClose={() => void done()} title={t('sheet.importTitle')} size="xl" centered data-testid="sheet-import-dialog">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('sheet.importHelp')}</Text>
        <LocalFileInput use="read" label={t('sheet.file')} value={file} onChange={pick} data-testid="sheet-import-file" />
        {plan && (
          <>
            <Group gap="xs" data-testid="sheet-summary">
              <Badge variant="light">{t('sheet.rows', { count: plan.rows })}</Badge>
              <Badge variant="light" color="blue">{t('sheet.changes', { count: changes })}</Badge>
              <Badge variant="light" color={conflicts ? 'red' : 'teal'}>{t('sheet.conflictCount', { count: conflicts })}</Badge>
            </Group>
            {conflicts > 0 && (
              <Alert color="red" title={t('sheet.conflictsTitle')} data-testid="sheet-conflicts">
                <Stack gap={2}>
                  {plan.conflicts.map((c, i) => (
                    <Text key={i} size="sm" data-testid="sheet-conflict">
                      {t('sheet.row', { row: c.row })}
                      {c.host || c.name ? ` · ${[c.host, c.name].filter(Boolean).join('/')}` : ''}
                      {c.error.field ? ` · ${c.error.field}` : ''}: {wordReport(t, c.error)}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {failed.length > 0 && (
              <Alert color="red" title={wordReport(t, report('sheet.partly-applied', { failed: failed.length, vms: plan.vms.length }))} data-testid="sheet-failures">
                <Stack gap={2}>
                  {failed.map((vm) => (
                    <Text key={vm.row} size="sm" data-testid="sheet-failure">
                      {t('sheet.row', { row: vm.row })} · {`${vm.host}/${vm.name}`}: {vm.error ? wordReport(t, vm.error) : ''}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {plan.vms.length === 0 ? (
              <Text size="sm" data-testid="sheet-nothing">{t('sheet.nothing')}</Text>
            ) : (
              <ScrollArea.Autosize mah={320}>
                <Table striped withTableBorder data-testid="sheet-changes">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('sheet.vm')}</Table.Th>
                      <Table.Th>{t('sheet.fact')}</Table.Th>
                      <Table.Th>{t('sheet.old')}</Table.Th>
                      <Table.Th>{t('sheet.new')}</Table.Th>
                      {plan.applied && <Table.Th>{t('sheet.result')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {plan.vms.flatMap((vm) => [
                      ...vm.changes.map((c, i) => (
                        <Table.Tr key={`${vm.row}-c${i}`} data-testid="sheet-change">
                          <Table.Td>{`${vm.host}/${vm.name}`}</Table.Td>
                          <Table.Td>{factName(c)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{shown(c.old)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{shown(c.new)}</Table.Td>
                          {outcome(vm)}
                        </Table.Tr>
                      )),
                      ...vm.reserve.map((r, i) => (
                        <Table.Tr key={`${vm.row}-r${i}`} data-testid="sheet-reserve">
                          <Table.Td>{`${vm.host}/${vm.name}`}</Table.Td>
                          <Table.Td>{t('sheet.reserve', { network: r.network })}</Table.Td>
                          <Table.Td />
                          <Table.Td>{r.ip}</Table.Td>
                          {outcome(vm)}
                        </Table.Tr>
                      )),
                    ])}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
            {plan.ignoredColumns.length > 0 && (
              <Text size="xs" c="dimmed">{t('sheet.ignored', { columns: plan.ignoredColumns.join(', ') })}</Text>
            )}
          </>
        )}
        {plan?.applied ? (
          <DialogFooter
            onCancel={() => void done()}
            cancelLabel={t('facts.cancel')}
            submitLabel={t('sheet.recheck')}
            submitTestId="sheet-recheck"
            onSubmit={() => void withToast(t('sheet.previewFailed'), () => recheck())}
            busy={busy}
          />
        ) : (
          <DialogFooter
            onCancel={() => void done()}
            cancelLabel={t('facts.cancel')}
            submitLabel={t('sheet.apply')}
            submitTestId="sheet-apply"
            onSubmit={() => void onApply()}
            busy={busy}
            disabled={!plan || conflicts > 0 || changes === 0}
          />
        )}
      </Stack>
    </Modal>
  );
}

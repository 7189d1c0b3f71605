// Event log of one VM: domain events received live since the window opened, then the stored history, both in the
// user's language (a row written by an older VirtDeck, without params, shows its stored English message).
import { Alert, Badge, Loader, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/ipc/contract.js';
import type { VmRef } from '../../../shared/model/vm.js';
import { wordDomainDetail, wordDomainName, wordEventKind, wordVmEvent } from '../../../shared/model/vm-events.js';
import { formatDateTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useVms } from '../../state/vms-slice.js';

const STORED_LIMIT = 200;

/** The history as the live list shows events: the newest on top (the core answers in time order). */
export function newestFirst<E extends { id: number }>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => b.id - a.id);
}

export function VmEvents({ vmRef, vmKey }: { vmRef: VmRef; vmKey: string }) {
  const t = useT();
  const lang = useLanguage();
  const live = useVms((s) => s.liveEvents[vmKey]);
  const load = useVms((s) => s.storedEvents);
  const [stored, setStored] = useState<CallOutput<'vms.events'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { host, vm } = vmRef;
  // Re-read the history whenever a live event arrives, so the two lists agree.
  useEffect(() => {
    load({ host, vm }, STORED_LIMIT).then(setStored, (e: unknown) => setError(errorMessage(e)));
  }, [load, host, vm, live]);

  return (
    <Stack gap="md">
      {live && live.length > 0 && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('details.liveEvents')}
          </Text>
          <Table fz="sm" data-testid="vm-live-events">
            <Table.Tbody>
              {live.map((e, i) => (
                <Table.Tr key={`${e.at}-${i}`}>
                  <Table.Td w={200} c="dimmed">
                    {formatDateTime(lang, e.at)}
                  </Table.Td>
                  <Table.Td w={160}>
                    <Badge variant="light" radius="sm" size="sm">
                      {wordDomainName(t, e.event)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.detail && wordDomainDetail(t, e.detail)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('details.storedEvents')}
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        {!error && stored === null && <Loader size="sm" />}
        {stored && stored.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('details.noEvents')}
          </Text>
        )}
        {stored && stored.length > 0 && (
          <Table fz="sm" striped data-testid="vm-stored-events">
            <Table.Tbody>
              {newestFirst(stored).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td w={200} c="dimmed">
                    {formatDateTime(lang, e.at)}
                  </Table.Td>
                  <Table.Td w={160}>
                    <Badge variant="outline" color="gray" radius="sm" size="sm">
                      {wordEventKind(t, e.kind)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{wordVmEvent(t, e) ?? e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}

// Read-only domain XML (live or inactive definition).
import { Alert, Button, CopyButton, Group, Loader, ScrollArea, SegmentedControl } from '@mantine/core';
import { IconCopy, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { VmRef } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useVms } from '../../state/vms-slice.js';

export function VmXml({ vmRef }: { vmRef: VmRef }) {
  const t = useT();
  const load = useVms((s) => s.xml);
  const [inactive, setInactive] = useState(false);
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { host, vm } = vmRef;

  const refresh = useCallback(() => {
    setXml(null);
    setError(null);
    load({ host, vm }, inactive).then(setXml, (e: unknown) => setError(errorMessage(e)));
  }, [load, host, vm, inactive]);
  useEffect(refresh, [refresh]);

  return (
    <div>
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          size="xs"
          value={inactive ? 'inactive' : 'live'}
          onChange={(v) => setInactive(v === 'inactive')}
          data={[
            { value: 'live', label: t('details.xmlLive') },
            { value: 'inactive', label: t('details.xmlInactive') },
          ]}
        />
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={refresh}>
            {t('details.refresh')}
          </Button>
          <CopyButton value={xml ?? ''}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" leftSection={<IconCopy size={14} />} onClick={copy} disabled={!xml}>
                {t(copied ? 'details.copied' : 'details.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!error && xml === null && <Loader size="sm" />}
      {xml !== null && (
        <ScrollArea h="calc(100vh - 290px)" type="auto" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
          <pre data-testid="vm-xml" style={{ margin: 0, padding: 12, fontSize: 12, fontFamily: 'var(--mantine-font-family-monospace)' }}>
            {xml}
          </pre>
        </ScrollArea>
      )}
    </div>
  );
}

// A VM's XML: the persistent definition in the XML editor (edit, review the diff, define), or the live one read only.
import { Alert, Loader, SegmentedControl, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VmRef } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';
import { errorMessage } from '../../app/notify.js';
import { useVms } from '../../state/vms-slice.js';
import { CodeEditor } from '../xml/CodeEditor.js';
import { XmlEditorPanel } from '../xml/XmlEditorPanel.js';

function LiveXml({ vmRef }: { vmRef: VmRef }) {
  const load = useVms((s) => s.xml);
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { host, vm } = vmRef;
  useEffect(() => {
    load({ host, vm }, false).then(setXml, (e: unknown) => setError(errorMessage(e)));
  }, [load, host, vm]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (xml === null) return <Loader size="sm" />;
  return <CodeEditor value={xml} readOnly height="calc(100vh - 290px)" testId="vm-xml-live" />;
}

export function VmXml({ vmRef, locked }: { vmRef: VmRef; locked: boolean }) {
  const t = useT();
  const [live, setLive] = useState(false);
  return (
    <Stack gap="sm" data-testid="vm-xml">
      <SegmentedControl
        size="xs"
        style={{ alignSelf: 'flex-start' }}
        value={live ? 'live' : 'inactive'}
        onChange={(v) => setLive(v === 'live')}
        data={[
          { value: 'inactive', label: t('details.xmlInactive') },
          { value: 'live', label: t('details.xmlLive') },
        ]}
        data-testid="vm-xml-mode"
      />
      {live ? <LiveXml vmRef={vmRef} /> : <XmlEditorPanel target={{ kind: 'domain', host: vmRef.host, name: vmRef.vm }} locked={locked} />}
    </Stack>
  );
}

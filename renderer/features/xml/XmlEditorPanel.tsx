// The editable XML tab of a domain, pool or network (a volume's is read only): edit in CodeMirror, review the line
// diff against the current definition, define it with libvirt's validation. A refusal is shown in libvirt's words
// with the line it names marked in the editor; nothing changed on the host.
import { Alert, Badge, Button, CopyButton, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconGitCompare, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { XmlObject } from '../../../shared/ipc/xml-schemas.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { reportOf, wordReport } from '../../app/errors.js';
import { useT } from '../../app/i18n/index.js';
import { useXmlEditor } from '../../state/xml-slice.js';
import { CodeEditor } from './CodeEditor.js';
import { DiffView } from './DiffView.js';

const HEIGHT = 'calc(100vh - 330px)';

/** The line of the submitted text an error report names (0: none). */
function reportLine(r: ErrorReport | null): number {
  if (!r || (r.code !== 'xml.define-refused' && r.code !== 'xml.parse')) return 0;
  const line = r.params.line;
  return typeof line === 'number' ? line : 0;
}

export function XmlEditorPanel({ target, locked = false }: { target: XmlObject; locked?: boolean }) {
  const t = useT();
  const { read, define } = useXmlEditor();
  const [defined, setDefined] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [loadError, setLoadError] = useState<ErrorReport | null>(null);
  const [refusal, setRefusal] = useState<ErrorReport | null>(null);
  /** While reviewing: the host's definition as read again for the review (the diff and the define are against it). */
  const [base, setBase] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const readOnly = target.kind === 'volume' || locked;
  const key = JSON.stringify(target);

  const load = useCallback(() => {
    setDefined(null);
    setLoadError(null);
    setRefusal(null);
    setBase(null);
    read(JSON.parse(key) as XmlObject).then(
      (xml) => {
        setDefined(xml);
        setDraft(xml);
      },
      (e: unknown) => setLoadError(reportOf(e)),
    );
  }, [read, key]);
  useEffect(load, [load]);

  const review = async (): Promise<void> => {
    setBusy(true);
    try {
      setBase(await read(target));
      setRefusal(null);
    } catch (e) {
      setRefusal(reportOf(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (): Promise<void> => {
    if (target.kind === 'volume' || base === null) return;
    setBusy(true);
    try {
      await define({ host: target.host, kind: target.kind, xml: draft, replaces: target.name, basedOn: base });
      setAccepted(true);
      load();
    } catch (e) {
      setRefusal(reportOf(e));
      setBase(null);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <Alert color="red">{wordReport(t, loadError)}</Alert>;
  if (defined === null) return <Loader size="sm" />;
  const changed = draft !== defined;
  const line = reportLine(refusal);
  const reviewing = base !== null;

  return (
    <Stack gap="sm" data-testid="xml-editor-panel">
      <Group justify="space-between">
        <Group gap="xs">
          {readOnly ? <Badge color="gray">{t('xml.readOnly')}</Badge> : <Text size="xs" c="dimmed">{t('xml.searchHint')}</Text>}
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={load} data-testid="xml-reload">
            {t(changed ? 'xml.discard' : 'details.refresh')}
          </Button>
          <CopyButton value={draft}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" leftSection={<IconCopy size={14} />} onClick={copy}>
                {t(copied ? 'details.copied' : 'details.copy')}
              </Button>
            )}
          </CopyButton>
          {!readOnly && !reviewing && (
            <Button
              size="xs"
              leftSection={<IconGitCompare size={14} />}
              disabled={!changed}
              loading={busy}
              onClick={() => void review()}
              data-testid="xml-review"
            >
              {t('xml.review')}
            </Button>
          )}
        </Group>
      </Group>
      {locked && <Alert color="yellow">{t('xml.locked')}</Alert>}
      {accepted && !changed && (
        <Alert color="teal" icon={<IconCheck size={16} />} withCloseButton onClose={() => setAccepted(false)} data-testid="xml-defined">
          {t(target.kind === 'domain' ? 'xml.definedDomain' : 'xml.defined')}
        </Alert>
      )}
      {refusal && (
        <Alert color="red" title={line ? t('xml.errorLine', { line }) : undefined} data-testid="xml-refusal" withCloseButton onClose={() => setRefusal(null)}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {wordReport(t, refusal)}
          </Text>
        </Alert>
      )}
      {reviewing ? (
        <>
          <Text size="sm">{t('xml.reviewHint')}</Text>
          {base !== defined && (
            <Alert color="yellow" data-testid="xml-changed-on-host">
              {t('xml.changedOnHost')}
            </Alert>
          )}
          <DiffView before={base} after={draft} height={HEIGHT} />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setBase(null)} data-testid="xml-back">
              {t('xml.back')}
            </Button>
            <Button size="xs" loading={busy} onClick={() => void submit()} data-testid="xml-define">
              {t('xml.define')}
            </Button>
          </Group>
        </>
      ) : (
        <CodeEditor value={draft} onChange={setDraft} readOnly={readOnly} errorLine={line} height={HEIGHT} testId="xml-editor" />
      )}
    </Stack>
  );
}

// The XML editor in a dialog, for objects listed in tables (pools, volumes, networks).
import { Modal } from '@mantine/core';
import type { XmlObject } from '../../../shared/ipc/xml-schemas.js';
import { useT } from '../../app/i18n/index.js';
import { XmlEditorPanel } from './XmlEditorPanel.js';

export function XmlDialog({ target, onClose }: { target: XmlObject; onClose: () => void }) {
  const t = useT();
  const name = target.kind === 'volume' ? `${target.pool}/${target.name}` : target.name;
  return (
    <Modal opened onClose={onClose} size="90%" title={t('xml.title', { name, host: target.host })} data-testid="xml-dialog">
      <XmlEditorPanel target={target} />
    </Modal>
  );
}

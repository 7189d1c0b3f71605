// What the last change did: the parts that apply now and those that wait for a restart (or the next start).
import { Alert, Text } from '@mantine/core';
import { waitsForRestart, type HwChangeResult, type HwPart } from '../../../../shared/model/hardware.js';
import { useT } from '../../../app/i18n/index.js';

export function ChangeNotice({ result }: { result: HwChangeResult }) {
  const t = useT();
  const words = (parts: HwPart[]) => parts.map((p) => t(`hw.part.${p}`)).join(t('error.listSeparator'));
  const later = waitsForRestart(result);
  return (
    <Alert color={later.length ? 'yellow' : 'teal'} data-testid="hw-change-notice">
      {result.live.length > 0 && <Text size="sm">{t('hw.appliedNow', { parts: words(result.live) })}</Text>}
      {later.length > 0 && <Text size="sm">{t('hw.afterRestart', { parts: words(later) })}</Text>}
      {!result.running && result.config.length > 0 && <Text size="sm">{t('hw.atNextStart', { parts: words(result.config) })}</Text>}
    </Alert>
  );
}

export function PendingBadge({ kind }: { kind: 'next-boot' | 'until-restart' }) {
  const t = useT();
  return (
    <Text span size="xs" c={kind === 'next-boot' ? 'yellow.8' : 'orange.8'} fw={600} data-testid={`hw-pending-${kind}`}>
      {t(kind === 'next-boot' ? 'hw.badge.nextBoot' : 'hw.badge.untilRestart')}
    </Text>
  );
}

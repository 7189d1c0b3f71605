import type { HostStatus } from '../../../shared/model/host.js';

const COLORS: Readonly<Record<HostStatus, string>> = {
  online: 'var(--mantine-color-teal-6)',
  connecting: 'var(--mantine-color-yellow-5)',
  reconnecting: 'var(--mantine-color-orange-5)',
  offline: 'var(--mantine-color-red-6)',
  disabled: 'var(--mantine-color-gray-5)',
};

export function HostStatusDot({ status }: { status: HostStatus }) {
  const pulsing = status === 'connecting' || status === 'reconnecting';
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 9,
        height: 9,
        borderRadius: '50%',
        background: COLORS[status],
        boxShadow: `0 0 0 3px color-mix(in srgb, ${COLORS[status]} 25%, transparent)`,
        animation: pulsing ? 'virtdeck-pulse 1.2s ease-in-out infinite' : undefined,
        flex: 'none',
      }}
    />
  );
}

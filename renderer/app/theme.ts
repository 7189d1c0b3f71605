import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // "Noto Sans SC" is bundled (boot.tsx): Chinese never falls to boxes on a desktop without CJK fonts, and looks the
  // same everywhere; Latin text keeps the system face, which comes first.
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "Cascadia Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  components: {
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
  },
});

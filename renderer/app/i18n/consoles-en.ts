// English words for the console tools (send keys, screenshot, detach), merged into en.ts.
export const consolesEn = {
  'console.keyGroup.system': 'System',
  'console.keyGroup.vt': 'Virtual terminals',
  'console.keyGroup.sysrq': 'Magic SysRq (Linux)',
  'console.keyGroup.other': 'Other',
  'console.sysrq.h': 'help',
  'console.sysrq.s': 'sync disks',
  'console.sysrq.u': 'remount read-only',
  'console.sysrq.e': 'terminate all',
  'console.sysrq.i': 'kill all',
  'console.sysrq.b': 'reboot now',
  'console.sysrq.o': 'power off now',
  'console.screenshot': 'Screenshot',
  'console.screenshotFailed': 'Screenshot failed',
  'console.screenshotSaved': 'Screenshot saved ({width}×{height})',
  'console.detach': 'Open in its own window',
  'console.windowGone': 'This console’s VM is gone.',
} as const;

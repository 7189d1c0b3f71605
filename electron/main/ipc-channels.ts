/** IPC channel names between the preload and the main process. */
export const IPC = {
  call: 'virtdeck:call',
  openConsole: 'virtdeck:open-console',
  consolePort: 'virtdeck:console-port',
  event: 'virtdeck:event',
  prompt: 'virtdeck:prompt',
  promptAnswer: 'virtdeck:prompt-answer',
  saveDialog: 'virtdeck:save-dialog',
  openDialog: 'virtdeck:open-dialog',
} as const;

// The whole command table of `virtdeck`: the root group. Parsing, help and completion all read this.
import { alertGroup } from './alert.js';
import { bridgeGroup } from './bridge.js';
import { bulkGroup } from './bulk.js';
import { from } from './common.js';
import { hostGroup } from './host.js';
import { consoleCommand, grantGroup } from './grant.js';
import { flavorGroup, imageGroup } from './image.js';
import { launchCommand, seedCommand } from './launch.js';
import { auditCommand, eventsCommand, metricsCommand, sshCommand, statsCommand, topCommand, watchCommand, xmlGroup } from './misc.js';
import { netGroup } from './net.js';
import { osGroup } from './new-vm.js';
import { poolGroup } from './pool.js';
import { SHELLS } from './shells.js';
import { exportCommand, importCommand } from './sheet.js';
import { snapGroup } from './snap.js';
import type { GroupDef } from './types.js';
import { vmGroup } from './vm.js';
import { volGroup } from './vol.js';

export const ROOT: GroupDef = {
  name: 'virtdeck',
  summary: 'manage KVM hosts over SSH: the same core and state as the VirtDeck app',
  details: 'State lives in $VIRTDECK_HOME (default: the OS app-data directory, ~/.config/virtdeck on Linux).\n' +
    'Errors are one line on stderr with a non-zero exit (2 for usage mistakes).',
  commands: [
    hostGroup,
    vmGroup,
    poolGroup,
    volGroup,
    netGroup,
    imageGroup,
    flavorGroup,
    grantGroup,
    consoleCommand,
    osGroup,
    launchCommand,
    seedCommand,
    sshCommand,
    snapGroup,
    bulkGroup,
    bridgeGroup,
    statsCommand,
    topCommand,
    metricsCommand,
    watchCommand,
    alertGroup,
    auditCommand,
    eventsCommand,
    exportCommand,
    importCommand,
    xmlGroup,
    {
      name: 'help',
      summary: 'help on a command (same as COMMAND --help)',
      args: [{ name: 'COMMAND', optional: true, repeat: true }],
      load: from(() => import('../help-command.js'), 'help'),
    },
    {
      name: 'completion',
      summary: 'print the shell completion script',
      args: [{ name: 'SHELL', choices: SHELLS }],
      details: 'bash: eval "$(virtdeck completion bash)" in ~/.bashrc\n' +
        'zsh:  eval "$(virtdeck completion zsh)" in ~/.zshrc (after compinit)\n' +
        'fish: virtdeck completion fish > ~/.config/fish/completions/virtdeck.fish',
      load: from(() => import('../completion.js'), 'completion'),
    },
  ],
};

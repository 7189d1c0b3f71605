// The CliContext of a real process: stdout/stderr, the core behind the one door (opened on first use, so commands
// that need no host never load it), stdin, and Ctrl+C (which cancels a followed task, or ends `events`).
import type { Door, DoorOptions, Interrupts } from './door.js';
import type { Out } from './output.js';
import type { CliContext, GroupDef } from './table/types.js';

export class ProcessContext implements CliContext {
  private opened: Promise<Door> | null = null;
  /** Ctrl+C while a task is followed cancels the task (see followTask). */
  private readonly interrupts: Interrupts = {
    on: (listener) => {
      process.on('SIGINT', listener);
      return () => void process.off('SIGINT', listener);
    },
    refused: (why) => {
      void import('./error-words.js').then(({ errorWords }) =>
        this.out.stderr(`\nvirtdeck: not cancelled: ${errorWords(why)}; it runs on (Ctrl+C again quits at once)\n`));
    },
  };

  constructor(
    readonly out: Out,
    readonly root: GroupDef,
  ) {}

  door(opts?: DoorOptions): Promise<Door> {
    this.opened ??= import('./door.js').then((m) => m.openDoor(opts, this.interrupts));
    return this.opened;
  }

  async stdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  interrupted(): Promise<void> {
    return new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }

  /** Closes the door if a command opened it (hosts disconnected, inventory closed). */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    if (opened) await (await opened).close();
  }
}

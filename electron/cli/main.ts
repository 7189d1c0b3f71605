// `virtdeck` command line: the command table says what exists (parsing, help, completion); a command's code and
// the core load only when that command runs. Errors: one line on stderr and a non-zero exit, never a stack trace.
import { parseArgs, UsageError } from './args.js';
import { complete, formatSuggestions, type Lookup } from './complete.js';
import { ProcessContext } from './context.js';
import { helpPage } from './help.js';
import { type Out, processOut } from './output.js';
import { pathName, route } from './route.js';
import { ROOT } from './table/index.js';

export async function main(argv: string[], out: Out = processOut): Promise<number> {
  const ctx = new ProcessContext(out, ROOT);
  try {
    if (argv[0] === '__complete') {
      const lookup: Lookup = async (kind) => {
        const door = await ctx.door();
        if (kind === 'host') return (await door.call('hosts.list', {})).map((h) => h.name);
        return (await door.call('vms.list', {})).map((v) => `${v.host}/${v.name}`);
      };
      out.stdout(formatSuggestions(await complete(ROOT, argv.slice(1), lookup).catch(() => ({ files: false, words: [] }))));
      return 0;
    }
    const r = route(ROOT, argv);
    if (r.kind === 'help') {
      (r.incomplete ? out.stderr : out.stdout)(helpPage(r.path));
      return r.incomplete ? 2 : 0;
    }
    let args;
    try {
      args = parseArgs(r.command, r.words);
    } catch (err) {
      // A mistake in the words themselves: point at the page that lists what is possible.
      throw err instanceof UsageError ? new UsageError(`${err.message} (see virtdeck ${pathName(r.path)} --help)`) : err;
    }
    const run = await r.command.load();
    return await run(ctx, args);
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`virtdeck: ${err.message}\n`);
      return 2;
    }
    // Words and reports load only when something failed.
    const [{ reportOf }, { errorWords }] = await Promise.all([import('./failure.js'), import('./error-words.js')]);
    const r = reportOf(err);
    out.stderr(`virtdeck: ${errorWords(r)}\n`);
    // A task stopped by Ctrl+C exits as a process stopped by SIGINT does (128 + 2).
    return r.code === 'call.bad-input' ? 2 : r.code === 'cancelled' ? 130 : 1;
  } finally {
    await ctx.close();
  }
}

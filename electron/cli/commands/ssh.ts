// virtdeck ssh HOST/VM [-- COMMAND…]: SSH into a guest from its host (the guest's network may exist only there).
// Interactive: a pty with the local terminal in raw mode; with a command: its output and exit code.
import type { HostKeyPrompt } from '../../../shared/model/host.js';
import type { GuestShell, GuestSshOptions } from '../../core/api.js';
import { UsageError } from '../args.js';
import type { Out } from '../output.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { vmTarget } from './common.js';

/** A guest's new host key: trusted when it matches what the VM printed on its serial console, or with the flag. */
function hostKeyPolicy(args: ParsedArgs, out: Out): { decide(p: HostKeyPrompt): Promise<boolean>; refusal: () => UsageError | null } {
  let refusal: UsageError | null = null;
  return {
    refusal: () => refusal,
    decide: async (p) => {
      const vm = p.guest?.vm ?? p.host;
      const key = `${p.keyType} ${p.fingerprint}`;
      if (p.guest?.console === 'match') {
        out.stderr(`trusting ${vm}'s host key ${key}: it matches the keys the VM printed on its serial console\n`);
        return true;
      }
      if (args.has('accept-new-host-key')) {
        out.stderr(`trusting ${vm}'s new host key ${key} (--accept-new-host-key; its serial console could not be read)\n`);
        return true;
      }
      refusal = new UsageError(
        `host key of ${vm} (${p.host}) is not known: ${key}, and its serial console could not be read to compare. ` +
          'Check it in the VM (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then re-run with --accept-new-host-key',
      );
      return false;
    },
  };
}

export const ssh: Run = async (ctx, args) => {
  const policy = hostKeyPolicy(args, ctx.out);
  await ctx.door({ prompts: { hostKey: policy.decide } });
  const { door, ref } = await vmTarget(ctx, args);
  const [user, ip] = [args.get('user'), args.get('ip')];
  const identityFiles = args.all('identity');
  const login: GuestSshOptions = { ...(user ? { user } : {}), ...(ip ? { ip } : {}), ...(identityFiles.length ? { identityFiles } : {}) };
  const refused = (err: unknown): never => {
    throw policy.refusal() ?? err;
  };
  if (args.rest.length) {
    const r = await door.consoles.guestExec(ref, args.rest, login).catch(refused);
    ctx.out.stdout(r.stdout.toString('utf8'));
    ctx.out.stderr(r.stderr.toString('utf8'));
    return r.code ?? 255;
  }
  const size = (): { cols: number; rows: number } => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const shell = await door.consoles.openGuestShell(ref, { ...login, ...size(), term: process.env.TERM || 'xterm-256color' }).catch(refused);
  return interactive(shell, size);
};

export async function interactive(shell: GuestShell, size: () => { cols: number; rows: number }): Promise<number> {
  const stdin = process.stdin;
  const onResize = (): void => shell.resize(size().cols, size().rows);
  const raw = stdin.isTTY;
  if (raw) stdin.setRawMode(true);
  process.stdout.on('resize', onResize);
  stdin.pipe(shell);
  shell.pipe(process.stdout);
  shell.stderr.pipe(process.stderr);
  let code = 0;
  shell.on('exit', (c: number | null) => {
    code = c ?? 255;
  });
  await new Promise<void>((resolve) => shell.once('close', () => resolve()));
  stdin.unpipe(shell);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  process.stdout.off('resize', onResize);
  return code;
}

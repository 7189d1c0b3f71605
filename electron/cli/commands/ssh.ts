// virtdeck ssh HOST/VM [-- COMMAND…]: SSH into a guest through its host's SSH connection (the guest's network
// may exist only on the host). Interactive: a pty with the local terminal in raw mode; with a command: its output
// and exit code.
import type { GuestLogin, GuestShell } from '../../core/api.js';
import type { Run } from '../table/types.js';
import { vmTarget } from './common.js';

export const ssh: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const [user, ip] = [args.get('user'), args.get('ip')];
  const identityFiles = args.all('identity');
  const login: GuestLogin = { ...(user ? { user } : {}), ...(ip ? { ip } : {}), ...(identityFiles.length ? { identityFiles } : {}) };
  if (args.rest.length) {
    const r = await door.consoles.guestExec(ref, args.rest, login);
    ctx.out.stdout(r.stdout.toString('utf8'));
    ctx.out.stderr(r.stderr.toString('utf8'));
    return r.code ?? 255;
  }
  const size = (): { cols: number; rows: number } => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  return interactive(await door.consoles.openGuestShell(ref, { ...login, ...size(), term: process.env.TERM || 'xterm-256color' }), size);
};

async function interactive(shell: GuestShell, size: () => { cols: number; rows: number }): Promise<number> {
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

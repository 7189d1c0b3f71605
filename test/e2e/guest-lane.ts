// test/run-all.sh runs the integration files that boot the real guest in the background, beside the e2e tests, and
// holds the lock file VIRTDECK_GUEST_LOCK until they are done. An e2e
// spec that boots a real TCG guest waits for that first: two TCG guests at once on 2 cores starve each other until
// a guest kernel stalls. Such specs also run last (the `real-guest` project in playwright.config.ts).
import { spawn } from 'node:child_process';

/** Resolves once the background guest lane is done (at once when there is none). */
export async function afterGuestLane(): Promise<void> {
  const lock = process.env.VIRTDECK_GUEST_LOCK;
  if (!lock) return;
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('flock', ['--shared', '--wait', '3600', lock, 'true'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (status !== 0) throw new Error(`the integration files that boot the real guest still hold ${lock} after an hour`);
}

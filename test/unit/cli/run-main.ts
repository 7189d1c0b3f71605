// Runs the CLI's main() in-process with captured output: exit code, stdout, stderr.
import { main } from '../../../electron/cli/main.js';
import type { Out } from '../../../electron/cli/output.js';

export async function runMain(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const got = { stdout: '', stderr: '' };
  const out: Out = { stdout: (t) => void (got.stdout += t), stderr: (t) => void (got.stderr += t), stderrColumns: () => null };
  return { code: await main(argv, out), ...got };
}

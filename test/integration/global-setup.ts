// vitest globalSetup of the integration project: build the CLI bundle, find or start the test bed, tell the
// tests where it is (env, read by testbed.ts), and stop at the end only what was started here.
//
// 1. VIRTDECK_TESTBED names a directory whose hosts are up: reuse it.
// 2. Otherwise a test bed already listening on the ports (e.g. a developer's): reuse it.
// 3. Otherwise, as root on Linux with the needed commands: test/testbed/up.sh, then down.sh
//    --purge at the end (VIRTDECK_TESTBED_KEEP=1 leaves it running: test/run-all.sh keeps it
//    for the e2e tests and stops it itself).
// With VIRTDECK_TESTBED_REPORT=<file>, the outcome is also written there as KEY=VALUE lines.
// 4. Otherwise: VIRTDECK_TESTBED_UNAVAILABLE=<reason>; tests skip themselves with
//    describe.skipIf(!testbed().available). A test bed that fails to start is an error.
// Lanes: with VIRTDECK_TESTBED_LANES=N (vitest.config.ts then runs N files at a time, one per worker), lanes
// 2..N get test beds of their own in <dir>-lane<k> on ports base+(k-1)*(hosts+2)+i, found or started (at the
// same time as lane 1's) like lane 1's and published as VIRTDECK_TESTBED_LANE<k>*; testbed.ts gives worker k
// lane k's. The ones started here are listed in the report as VIRTDECK_TESTBED_EXTRA (test/run-all.sh hands
// them on to the e2e tests and stops them at the end) and stopped at the end unless VIRTDECK_TESTBED_KEEP=1.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = fileURLToPath(new URL('../testbed/', import.meta.url));
const BUILD_CLI = fileURLToPath(new URL('../../scripts/build-cli.mjs', import.meta.url));
const NEEDED = ['unshare', 'nsenter', 'ip', 'ss', 'socat', 'virsh', 'libvirtd', 'virtlogd', 'sshd',
  'ssh', 'ssh-keygen', 'python3', 'qemu-system-x86_64'];

interface Layout { dir: string; hosts: number; basePort: number; prefix: string; labNet: string }

export default async function setup(): Promise<() => void> {
  // The CLI tests run bin/virtdeck.js, which runs the bundle in dist/cli: build it from the sources under test
  // (VIRTDECK_CLI_BUILT=1: test/run-all.sh built it once for its two integration runs, which must not rebuild it
  // under each other's feet).
  const env = process.env;
  if (env.VIRTDECK_CLI_BUILT !== '1') {
    const built = spawnSync(process.execPath, [BUILD_CLI], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`building the CLI failed (scripts/build-cli.mjs exit ${built.status})`);
  }
  const hosts = Number(env.VIRTDECK_TESTBED_HOSTS ?? '3');
  const lanes = testbedLanes();
  const wantedPort = env.VIRTDECK_TESTBED_BASE_PORT;
  const given = env.VIRTDECK_TESTBED;

  const candidates = [given ?? listenerDir(Number(wantedPort ?? '2200') + 1)].filter((d): d is string => !!d);
  let reused: Layout | undefined;
  for (const dir of candidates) {
    const layout = layoutOf(dir, hosts, wantedPort);
    if (!reused && (await allUp(layout))) reused = layout;
  }
  const reason = reused ? undefined : cannotStart();
  if (reason) {
    env.VIRTDECK_TESTBED_UNAVAILABLE = reason;
    report(`integration tests skipped: ${reason}`, { VIRTDECK_TESTBED_UNAVAILABLE: reason });
    return () => {};
  }
  const dir = reused?.dir ?? given ?? join(homedir(), '.cache', 'virtdeck', 'testbed');
  const first = reused ? Promise.resolve({ layout: reused, started: false }) : startTestbed(dir, hosts, wantedPort);
  // lane k's port: after lane 1's hosts (without an explicit port: the directory's saved one, or 2200)
  const base = Number(wantedPort ?? layoutOf(dir, hosts, undefined).basePort);
  const extra = Array.from({ length: lanes - 1 }, (_, n) => {
    const k = n + 2;
    const layout = layoutOf(`${dir}-lane${k}`, hosts, String(base + (k - 1) * (hosts + 2)));
    return allUp(layout).then((up) => (up ? { layout, started: false } : startTestbed(layout.dir, hosts, String(layout.basePort))));
  });
  const [one, ...more] = await Promise.all([first, ...extra]);
  const laneVars = Object.assign({}, ...more.map((l, n) => laneEnv(`_LANE${n + 2}`, l.layout))) as Record<string, string>;
  const started = more.filter((l) => l.started).map((l) => l.layout.dir);
  publish(one.layout, one.started, `${one.started ? 'started' : 'reusing'} the test bed in ${one.layout.dir}`, {
    ...laneVars,
    ...(started.length ? { VIRTDECK_TESTBED_EXTRA: started.join(' ') } : {}),
  });
  for (const l of more) console.log(`[testbed] lane: ${l.started ? 'started' : 'reusing'} the test bed in ${l.layout.dir} (ports ${l.layout.basePort + 1}-${l.layout.basePort + hosts})`);

  return () => {
    if (env.VIRTDECK_TESTBED_KEEP === '1') return;
    for (const l of [one, ...more].filter((x) => x.started)) {
      const scriptEnv = { ...env, VIRTDECK_TESTBED: l.layout.dir, TB_BASE_PORT: String(l.layout.basePort) };
      spawnSync('bash', [join(SCRIPTS, 'down.sh'), '--purge'], { env: scriptEnv, stdio: 'inherit' });
    }
  };
}

/** How many test beds (and vitest workers) the integration files are spread over: VIRTDECK_TESTBED_LANES, 1 by default. */
export function testbedLanes(): number {
  return Math.max(1, Math.floor(Number(process.env.VIRTDECK_TESTBED_LANES ?? '1')) || 1);
}

/** up.sh for the test bed in dir (asynchronously: lanes start side by side); its layout once every host answers. */
async function startTestbed(dir: string, hosts: number, wantedPort: string | undefined): Promise<{ layout: Layout; started: true }> {
  // without an explicit port, up.sh keeps the directory's saved one (or its default, 2200)
  // TB_DEFAULTS=1: new hosts look like a fresh Debian host after virt-manager's first use (a 'default' NAT
  // network and a 'default' dir pool), which the tests rely on like users do.
  const scriptEnv = { ...process.env, TB_DEFAULTS: '1', VIRTDECK_TESTBED: dir, ...(wantedPort ? { TB_BASE_PORT: wantedPort } : {}) };
  const up = spawn('bash', [join(SCRIPTS, 'up.sh'), String(hosts)], { env: scriptEnv, stdio: 'inherit' });
  const status = await new Promise<number | null>((resolve) => up.on('close', resolve));
  if (status !== 0) throw new Error(`test bed in ${dir} did not come up (up.sh exit ${status}); see its log above`);
  const layout = layoutOf(dir, hosts, wantedPort);
  if (!(await allUp(layout))) throw new Error(`up.sh succeeded but the hosts in ${dir} do not answer`);
  return { layout, started: true };
}

/** The reason this machine cannot run the test bed, or undefined if it can. */
function cannotStart(): string | undefined {
  if (process.platform !== 'linux') return `the test bed needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the test bed needs root (namespaces, libvirtd); run as root or set VIRTDECK_TESTBED';
  const path = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  const missing = NEEDED.filter((cmd) => !path.some((d) => isExecutable(join(d, cmd))));
  if (missing.length) return `missing commands: ${missing.join(' ')} (run test/testbed/install-deps.sh as root)`;
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Port, prefix: explicit env first, then the settings up.sh saved in the directory, then defaults. */
function layoutOf(dir: string, hosts: number, wantedPort: string | undefined): Layout {
  let saved = '';
  try {
    saved = readFileSync(join(dir, 'tb.env'), 'utf8');
  } catch {
    // a test bed started by older scripts has no tb.env: defaults apply
  }
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(saved)?.[1];
  return {
    dir,
    hosts,
    basePort: Number(wantedPort ?? setting('TB_BASE_PORT') ?? '2200'),
    prefix: setting('TB_NAME_PREFIX') ?? 'h',
    labNet: setting('TB_LAB_NET') ?? '172.31.201',
  };
}

/** The state directory of the test bed whose socat listens on 127.0.0.1:port, if any. */
function listenerDir(port: number): string | undefined {
  try {
    const line = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(line)?.[1];
    if (!pid) return undefined;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const arg of argv) {
      const m = /^EXEC:(.+)\/lib\/ns-connect\.sh /.exec(arg);
      if (m) return m[1];
    }
  } catch {
    // no ss, or the process went away: nothing to reuse
  }
  return undefined;
}

/** Every host answers on its libvirt socket and on its SSH port. */
async function allUp(l: Layout): Promise<boolean> {
  const checks: Promise<boolean>[] = [];
  for (let i = 1; i <= l.hosts; i++) {
    checks.push(answers(() => connect(join(l.dir, 'hosts', `${l.prefix}${i}`, 'run', 'libvirt', 'libvirt-sock'))));
    checks.push(answers(() => connect(l.basePort + i, '127.0.0.1')));
  }
  return (await Promise.all(checks)).every(Boolean);
}

function answers(open: () => Socket): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = open();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The variables testbed.ts reads for a test bed; suffix '' for lane 1, '_LANE<k>' for lane k. */
function laneEnv(suffix: string, l: Layout): Record<string, string> {
  return {
    [`VIRTDECK_TESTBED${suffix}`]: l.dir,
    [`VIRTDECK_TESTBED${suffix}_HOSTS`]: String(l.hosts),
    [`VIRTDECK_TESTBED${suffix}_BASE_PORT`]: String(l.basePort),
    [`VIRTDECK_TESTBED${suffix}_PREFIX`]: l.prefix,
    [`VIRTDECK_TESTBED${suffix}_LAB_NET`]: l.labNet,
  };
}

function publish(l: Layout, started: boolean, what: string, more: Record<string, string> = {}): void {
  const vars = { ...laneEnv('', l), ...more };
  Object.assign(process.env, vars);
  delete process.env.VIRTDECK_TESTBED_UNAVAILABLE;
  report(`${what} (${l.hosts} hosts, ports ${l.basePort + 1}-${l.basePort + l.hosts})`,
    { ...vars, VIRTDECK_TESTBED_STARTED: started ? '1' : '0' });
}

/** A status line on the console; with the variables, in $VIRTDECK_TESTBED_REPORT for test/run-all.sh. */
function report(line: string, vars: Record<string, string>): void {
  console.log(`[testbed] ${line}`);
  const file = process.env.VIRTDECK_TESTBED_REPORT;
  if (!file) return;
  const lines = Object.entries({ VIRTDECK_TESTBED_STATUS: line, ...vars }).map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

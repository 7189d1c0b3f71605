// The checks of a host's settings that need no connection, each naming the config field it is about, so the add/edit
// host wizard shows them on their inputs before it probes the host: a name another host has, an SSH host, user or
// port that cannot be one, an identity file that is absent or holds no private key, a URI that is no libvirt URI.
import type { ErrorReport } from '../../../shared/model/errors.js';
import { report } from '../../../shared/model/errors.js';
import type { CallInput } from '../../../shared/ipc/contract.js';
import { identityFileProblem } from '../../ssh/key-file.js';
import { toCoreError } from '../errors.js';
import { daemonUri } from './host-transport.js';

/** Host names, IPv4 and IPv6 addresses, and ssh_config aliases: no spaces, "@", "/" or other punctuation. */
const SSH_HOST_RE = /^[A-Za-z0-9_.:%-]+$/;
/** A login name as POSIX systems accept it (a trailing "$" for machine accounts). */
const SSH_USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

/** The settings as typed (hostConfigDraft): SSH host, user and port are checked here, not by the schema. */
export type HostConfigDraft = CallInput<'hosts.check'>['config'];

export async function checkHostConfig(config: HostConfigDraft, nameTaken: boolean): Promise<ErrorReport[]> {
  const problems: ErrorReport[] = [];
  const add = (field: string, r: ErrorReport) => problems.push({ ...r, field });
  if (nameTaken) add('name', report('host.exists', { host: config.name }));
  const ssh = config.ssh;
  if (ssh?.host === '') add('ssh.host', report('field.required', {}));
  else if (ssh && !SSH_HOST_RE.test(ssh.host)) add('ssh.host', report('value.not-hostname', { value: ssh.host }));
  const port = ssh?.port;
  if (port === null || (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535))) add('ssh.port', report('ssh.bad-port', {}));
  if (ssh?.user !== undefined && !SSH_USER_RE.test(ssh.user)) add('ssh.user', report('ssh.bad-user', { user: ssh.user }));
  if (ssh?.identityFile !== undefined) {
    const problem = await identityFileProblem(ssh.identityFile);
    if (problem) add('ssh.identityFile', report(problem === 'missing' ? 'ssh.key-missing' : 'ssh.key-not-private', { path: ssh.identityFile }));
  }
  try {
    daemonUri(config.uri);
  } catch (err) {
    add('uri', toCoreError(err).report());
  }
  return problems;
}

// hosts.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskOptions } from '../tasks/task-service.js';
import type { HostService } from './host-service.js';

export function hostHandlers(hosts: HostService): HandlersOf<'hosts'> {
  return {
    'hosts.list': async () => hosts.list(),
    'hosts.probeKey': {
      task: ({ ssh }) => ({ op: 'host.probe-key', args: { target: ssh.host } }),
      run: ({ ssh, knownHostsFile, host }) => hosts.probeKey(ssh, knownHostsFile ?? (host ? hosts.knownHostsFileOf(host) : undefined)),
    },
    'hosts.check': async ({ config, editing }) => hosts.check(config, editing),
    'hosts.add': {
      task: ({ config }) => ({ op: 'host.add', args: { name: config.name }, host: config.name }),
      run: ({ config, acceptFingerprint }) => hosts.add(config, acceptFingerprint),
    },
    'hosts.update': {
      task: ({ name, config }) => ({ op: 'host.update', args: { name, newName: config.name }, host: name }),
      run: ({ name, config, acceptFingerprint }) => hosts.update(name, config, acceptFingerprint),
    },
    'hosts.connect': {
      task: ({ names }): TaskOptions => (names ? { op: 'host.connect', args: { hosts: names.join(', ') } } : { op: 'host.connect-all', args: {} }),
      run: ({ names, supervise }) => hosts.connect(names, supervise ?? false),
    },
    'hosts.remove': async ({ name }) => {
      await hosts.remove(name);
      return null;
    },
    'hosts.test': {
      task: ({ name }) => ({ op: 'host.test', args: { name }, host: name }),
      run: ({ name }) => hosts.test(name),
    },
    'hosts.sshAliases': async () => hosts.sshAliases(),
    'hosts.localKeys': async () => hosts.localKeys(),
    'hosts.localCandidate': async () => hosts.localCandidate(),
  };
}

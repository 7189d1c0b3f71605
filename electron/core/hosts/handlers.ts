// hosts.* calls.
import type { HandlersOf } from '../calls.js';
import type { HostService } from './host-service.js';

export function hostHandlers(hosts: HostService): HandlersOf<'hosts'> {
  return {
    'hosts.list': async () => hosts.list(),
    'hosts.probeKey': async ({ ssh, knownHostsFile, host }) => hosts.probeKey(ssh, knownHostsFile ?? (host ? hosts.knownHostsFileOf(host) : undefined)),
    'hosts.add': async ({ config, acceptFingerprint }) => hosts.add(config, acceptFingerprint),
    'hosts.update': async ({ name, config, acceptFingerprint }) => hosts.update(name, config, acceptFingerprint),
    'hosts.connect': async ({ names, supervise }) => hosts.connect(names, supervise ?? false),
    'hosts.remove': async ({ name }) => {
      await hosts.remove(name);
      return null;
    },
    'hosts.test': async ({ name }) => hosts.test(name),
    'hosts.sshAliases': async () => hosts.sshAliases(),
    'hosts.localKeys': async () => hosts.localKeys(),
    'hosts.localCandidate': async () => hosts.localCandidate(),
  };
}

// Host operations for front ends: list, probe the SSH host key, add (with explicit key acceptance), test, remove.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HostConfig, HostInfo, SshTarget } from '../../../shared/model/host.js';
import { SshConnection } from '../../ssh/connection.js';
import { SshHostKeyChangedError, SshHostKeyRejectedError } from '../../ssh/errors.js';
import { listHostAliases, loadSshConfig } from '../../ssh/ssh-config.js';
import { detectLocalLibvirt } from '../../ssh/local-socket.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import { checkHostConfig, type HostConfigDraft } from './host-check.js';
import type { CorePrompts } from '../prompts.js';
import type { HostRegistry } from './host-registry.js';

export interface HostKeyProbe {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  status: 'known' | 'unknown' | 'changed' | 'revoked';
  /** For an unknown key: types of the keys known_hosts already has for this host (a warning sign). */
  otherKnownTypes?: string[];
}

export interface HostTestResult {
  ok: boolean;
  hostname: string | null;
  libvirtVersion: string | null;
  channel: string | null;
  latencyMs: number | null;
  error: ErrorReport | null;
}

export class HostService {
  constructor(
    private readonly registry: HostRegistry,
    private readonly prompts: CorePrompts,
  ) {}

  list(): HostInfo[] {
    return this.registry.names().map((n) => this.registry.info(n));
  }

  /** Connects the named hosts (or every one) now; each comes back online or with why not. */
  async connect(names: string[] | undefined, supervise: boolean): Promise<HostInfo[]> {
    for (const n of names ?? []) this.registry.config(n);
    await this.registry.connectAll(names, supervise);
    return (names ?? this.registry.names()).map((n) => this.registry.info(n));
  }

  /** Reads the host key of an SSH target and says whether known_hosts knows it. Stores nothing. */
  async probeKey(ssh: SshTarget, knownHostsFile?: string): Promise<HostKeyProbe> {
    let seen: Omit<HostKeyProbe, 'status'> | null = null;
    let unknown = false;
    let otherKnownTypes: string[] = [];
    const conn = new SshConnection({
      host: ssh.host,
      ...(ssh.port !== undefined ? { port: ssh.port } : {}),
      ...(ssh.user !== undefined ? { user: ssh.user } : {}),
      ...(ssh.identityFile !== undefined ? { identityFiles: [ssh.identityFile], identitiesOnly: true } : {}),
      ...(ssh.jump !== undefined ? { jump: ssh.jump } : {}),
      ...(knownHostsFile !== undefined ? { knownHostsFile } : {}),
      reconnect: false,
      onUnknownHostKey: async (p) => {
        seen = { host: p.host, port: p.port, keyType: p.keyType, fingerprint: p.fingerprint };
        unknown = true;
        otherKnownTypes = p.otherKnownTypes;
        return false;
      },
      onHostKeyVerified: (p) => {
        seen = { host: p.host, port: p.port, keyType: p.keyType, fingerprint: p.fingerprint };
      },
    });
    try {
      await conn.connect();
    } catch (err) {
      if (err instanceof SshHostKeyChangedError) {
        return { host: ssh.host, port: ssh.port ?? 22, keyType: err.keyType, fingerprint: err.fingerprint, status: 'changed' };
      }
      if (err instanceof SshHostKeyRejectedError && err.reason === 'revoked') {
        return { host: ssh.host, port: ssh.port ?? 22, keyType: err.keyType, fingerprint: err.fingerprint, status: 'revoked' };
      }
      // Auth failures after a verified key still tell us the key; anything else is a real error.
      if (!seen) throw err;
    } finally {
      conn.close();
    }
    const probe = seen as Omit<HostKeyProbe, 'status'> | null;
    if (!probe) throw new CoreError('host.no-host-key', { target: ssh.host });
    return unknown ? { ...probe, status: 'unknown', ...(otherKnownTypes.length ? { otherKnownTypes } : {}) } : { ...probe, status: 'known' };
  }

  /** The problems of a host's settings that need no connection, each naming its field (editing: the host they replace). */
  async check(config: HostConfigDraft, editing?: string): Promise<ErrorReport[]> {
    return checkHostConfig(config, config.name !== editing && this.registry.names().includes(config.name));
  }

  /**
   * Adds a host and connects it. An unknown host key is trusted only when it equals `acceptFingerprint`
   * (the fingerprint the user saw and confirmed), or when the core's own prompt says yes.
   */
  async add(config: HostConfig, acceptFingerprint?: string): Promise<HostInfo> {
    if (config.transport === 'ssh' && !config.ssh) throw new CoreError('host.no-ssh-target', { host: config.name });
    await this.registry.add(config, this.acceptingPrompts(acceptFingerprint), true);
    return this.registry.info(config.name);
  }

  /** The known_hosts file a configured host was set up with (undefined: the user's default). */
  knownHostsFileOf(name: string): string | undefined {
    return this.registry.config(name).knownHostsFile;
  }

  /**
   * New connection settings and/or a new name for a host; the old ones stay when the new ones do not connect. A
   * config without a known_hosts file keeps the host's own (a front end can only name files the user picked now).
   */
  async update(name: string, config: HostConfig, acceptFingerprint?: string): Promise<HostInfo> {
    if (config.transport === 'ssh' && !config.ssh) throw new CoreError('host.no-ssh-target', { host: config.name });
    const knownHostsFile = config.knownHostsFile ?? this.knownHostsFileOf(name);
    await this.registry.update(name, { ...config, ...(knownHostsFile ? { knownHostsFile } : {}) }, this.acceptingPrompts(acceptFingerprint));
    return this.registry.info(config.name);
  }

  /** The core's prompts, except that a host key is trusted exactly when it is the fingerprint the user accepted. */
  private acceptingPrompts(acceptFingerprint: string | undefined): CorePrompts {
    return {
      ...this.prompts,
      hostKey: async (p) => {
        if (acceptFingerprint !== undefined) return p.fingerprint === acceptFingerprint;
        return this.prompts.hostKey ? this.prompts.hostKey(p) : false;
      },
    };
  }

  async remove(name: string): Promise<void> {
    await this.registry.remove(name);
  }

  /** A fresh connection test (does not disturb the live session). */
  async test(name: string): Promise<HostTestResult> {
    const session = this.registry.get(name);
    const t0 = performance.now();
    try {
      const lv = session.libvirt();
      const [hostname, libvirtVersion] = await Promise.all([lv.getHostname(), lv.getLibVersion()]);
      return {
        ok: true,
        hostname,
        libvirtVersion,
        channel: session.channelKind,
        latencyMs: Math.round((performance.now() - t0) * 10) / 10,
        error: null,
      };
    } catch (err) {
      session.retryNow();
      return { ok: false, hostname: null, libvirtVersion: null, channel: null, latencyMs: null, error: session.status.error ?? errorReport(err) };
    }
  }

  /** This machine's libvirtd, when it runs and is not configured yet: the first host a newcomer sees. */
  async localCandidate(): Promise<{ socket: string; uri: string; suggestedName: string } | null> {
    if (this.list().some((h) => h.transport === 'local')) return null;
    const socket = await detectLocalLibvirt();
    if (!socket) return null;
    const taken = new Set(this.registry.names());
    const suggestedName = taken.has('localhost') ? `localhost-${taken.size + 1}` : 'localhost';
    return { socket, uri: 'qemu:///system', suggestedName };
  }

  sshAliases(): string[] {
    try {
      return listHostAliases(loadSshConfig());
    } catch {
      return [];
    }
  }

  localKeys(): string[] {
    const dir = join(homedir(), '.ssh');
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.pub'))
        .map((f) => join(dir, f))
        .sort();
    } catch {
      return [];
    }
  }
}

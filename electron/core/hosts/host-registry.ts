// The set of configured hosts and their live sessions. Persists host configs in the inventory.
import type { HostConfig, HostInfo } from '../../../shared/model/host.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { CoreError } from '../errors.js';
import type { CorePrompts } from '../prompts.js';
import { HostSession, type HostStatusChange } from './host-session.js';

export interface HostRegistryEvents {
  status(host: string, change: HostStatusChange): void;
  connected(host: string, lv: LibvirtConnection): Promise<void>;
  removed(host: string): void;
}

/** What a service needs to reach hosts' libvirt: HostRegistry, or a fake in unit tests. */
export interface LibvirtHosts {
  /** libvirt of a configured host (not-found for an unknown name; host-offline when it is not connected). */
  libvirt(name: string): LibvirtApi;
  /** The named host, or every online one when no name is given. */
  namesOrOnline(name?: string): string[];
}

interface HostFacts {
  hostname: string | null;
  libvirtVersion: string | null;
}

export class HostRegistry implements LibvirtHosts {
  private readonly sessions = new Map<string, HostSession>();
  private readonly facts = new Map<string, HostFacts>();

  constructor(
    private readonly inventory: Inventory,
    private readonly prompts: CorePrompts,
    private readonly events: HostRegistryEvents,
  ) {}

  /** Starts supervising every host of the inventory (does not wait for them). */
  startAll(): void {
    for (const cfg of this.inventory.listHosts()) this.session(cfg).startInBackground();
  }

  /** Connects the listed hosts (or all) at once and waits until each is online or has failed once; with
   *  `supervise`, keeps them connected afterwards. A host already online is left as it is. */
  async connectAll(names?: string[], supervise = false): Promise<void> {
    const cfgs = this.inventory.listHosts().filter((c) => !names || names.includes(c.name));
    await Promise.all(
      cfgs.filter((cfg) => !this.isOnline(cfg.name)).map((cfg) => this.session(cfg).start(supervise).catch(() => undefined)),
    );
  }

  names(): string[] {
    return this.inventory.listHosts().map((h) => h.name);
  }

  config(name: string): HostConfig {
    const cfg = this.inventory.getHost(name);
    if (!cfg) throw new CoreError('host.not-found', { host: name });
    return cfg;
  }

  get(name: string): HostSession {
    const s = this.sessions.get(name);
    if (s) return s;
    return this.session(this.config(name));
  }

  /** libvirt of a configured host (not-found for an unknown name; the session says when it is offline). */
  libvirt(name: string): LibvirtConnection {
    this.config(name);
    return this.get(name).libvirt();
  }

  /** The named host, or every online one when no name is given. */
  namesOrOnline(name?: string): string[] {
    return name ? [name] : this.names().filter((h) => this.isOnline(h));
  }

  /** The live session if one exists (no implicit creation). */
  peek(name: string): HostSession | undefined {
    return this.sessions.get(name);
  }

  isOnline(name: string): boolean {
    return this.sessions.get(name)?.status.status === 'online';
  }

  info(name: string): HostInfo {
    const cfg = this.config(name);
    const s = this.sessions.get(name);
    const st = s?.status ?? { status: 'offline' as const, since: new Date(0), error: null };
    const facts = this.facts.get(name);
    const ignored = s?.transport.ignoredSettings ?? [];
    return {
      ...cfg,
      status: st.status,
      statusSince: st.since.toISOString(),
      lastError: st.error,
      hostname: facts?.hostname ?? null,
      libvirtVersion: facts?.libvirtVersion ?? null,
      ...(ignored.length ? { ignoredSshSettings: [...ignored] } : {}),
    };
  }

  /** Adds a host and connects it; nothing is kept when the connection does not work. */
  async add(cfg: HostConfig, prompts: CorePrompts, supervise: boolean): Promise<HostSession> {
    if (this.inventory.getHost(cfg.name)) throw new CoreError('host.exists', { host: cfg.name });
    // Stored first (the first sync writes VMs under it); taken back if the connection does not work.
    this.inventory.addHost(cfg);
    const session = this.newSession(cfg, prompts);
    try {
      await session.start(supervise);
    } catch (err) {
      await session.stop();
      this.inventory.removeHost(cfg.name);
      throw err;
    }
    this.sessions.set(cfg.name, session);
    return session;
  }

  /**
   * Changes a host's connection settings and/or name and reconnects it. When the new settings do not connect, the
   * old ones (and name) are put back and reconnected, and the error is thrown: nothing is lost.
   */
  async update(oldName: string, cfg: HostConfig, prompts: CorePrompts): Promise<HostSession> {
    const before = this.config(oldName);
    if (cfg.name !== oldName && this.inventory.getHost(cfg.name)) throw new CoreError('host.exists', { host: cfg.name });
    await this.forgetSession(oldName);
    const store = (from: string, to: HostConfig) => (from === to.name ? this.inventory.updateHost(to) : this.inventory.renameHost(from, to));
    store(oldName, cfg);
    const session = this.newSession(cfg, prompts);
    try {
      await session.start(true);
    } catch (err) {
      await session.stop();
      store(cfg.name, before);
      this.session(before).startInBackground();
      throw err;
    }
    this.sessions.set(cfg.name, session);
    return session;
  }

  private async forgetSession(name: string): Promise<void> {
    await this.sessions.get(name)?.stop();
    this.sessions.delete(name);
    this.facts.delete(name);
  }

  async remove(name: string): Promise<void> {
    this.config(name);
    await this.forgetSession(name);
    this.inventory.removeHost(name);
    this.events.removed(name);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()));
    this.sessions.clear();
  }

  private session(cfg: HostConfig): HostSession {
    let s = this.sessions.get(cfg.name);
    if (!s) {
      s = this.newSession(cfg, this.prompts);
      this.sessions.set(cfg.name, s);
    }
    return s;
  }

  private newSession(cfg: HostConfig, prompts: CorePrompts): HostSession {
    const s = new HostSession(cfg, {
      prompts,
      // The host's facts are asked alongside the sync: one round trip less to a host that is slow to answer.
      onConnected: async (lv) => {
        const facts = Promise.all([lv.getHostname(), lv.getLibVersion()]).then(([hostname, libvirtVersion]) => {
          this.facts.set(cfg.name, { hostname, libvirtVersion });
        });
        await Promise.all([facts, this.events.connected(cfg.name, lv)]);
      },
    });
    s.on('status', (change) => this.events.status(cfg.name, change));
    return s;
  }
}

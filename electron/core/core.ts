// The core: hosts, VMs, stats, tasks over one inventory. Plain Node; the app, the bridge, the CLI and the tests
// all run this very object.
import { EventEmitter } from 'node:events';
import type { CoreEvent } from '../../shared/model/events.js';
import type { ApiHandlers } from '../../shared/ipc/contract.js';
import { Inventory } from '../inventory/inventory.js';
import { defaultHome, inventoryPath } from '../inventory/paths.js';
import type { ConsoleChannels, CoreApi } from './api.js';
import { BridgeService } from './bridges/bridge-service.js';
import { ConsoleService } from './consoles/console-service.js';
import { GuestHostKeys } from './consoles/guest-host-keys.js';
import { HostRegistry } from './hosts/host-registry.js';
import { FlavorService } from './flavors/flavor-service.js';
import { HostService } from './hosts/host-service.js';
import { ImageService } from './images/image-service.js';
import { InstanceService } from './instances/instance-service.js';
import { IpamService } from './instances/ipam-service.js';
import type { CorePrompts } from './prompts.js';
import { ResourceWatch } from './resources/resource-watch.js';
import { SnapshotService } from './snapshots/snapshot-service.js';
import { StatsService } from './stats/stats-service.js';
import { NetworkService } from './networks/network-service.js';
import { StorageService } from './storage/storage-service.js';
import { TaskService } from './tasks/task-service.js';
import { undoHostsOf, UndoJournal } from './tasks/undo-journal.js';
import { VmService } from './vms/vm-service.js';

export interface CoreOptions {
  /** State directory (inventory, settings); default $VIRTDECK_HOME or the OS app-data dir. */
  home?: string;
  prompts?: CorePrompts;
  /** Connect to every known host in the background and keep them connected (the app). Default true. */
  autoConnect?: boolean;
  /** Emit a `stats` event per host every N ms (the app: 1000). 0 = only on request. */
  statsIntervalMs?: number;
}

export class Core implements CoreApi {
  readonly inventory: Inventory;
  readonly hostRegistry: HostRegistry;
  readonly hosts: HostService;
  readonly vms: VmService;
  readonly stats: StatsService;
  readonly tasks: TaskService;
  readonly undo: UndoJournal;
  readonly storage: StorageService;
  readonly networks: NetworkService;
  readonly flavors: FlavorService;
  readonly images: ImageService;
  readonly ipam: IpamService;
  readonly instances: InstanceService;
  readonly snapshots: SnapshotService;
  readonly bridges: BridgeService;
  readonly resources: ResourceWatch;
  readonly consoles: ConsoleChannels;
  /** Guest SSH host keys, kept per VM (UUID). */
  readonly guestKeys: GuestHostKeys;
  readonly handlers: ApiHandlers;
  private readonly bus = new EventEmitter<{ event: [CoreEvent] }>();
  private statsTimer: NodeJS.Timeout | null = null;

  constructor(readonly home: string, opts: CoreOptions) {
    this.inventory = Inventory.open(inventoryPath(home));
    this.guestKeys = new GuestHostKeys(home);
    const emit = (e: CoreEvent): void => {
      // A VM that is gone frees its IP reservation, its seed volume and its SSH host keys (unless it only moved
      // to another host).
      if (e.type === 'vm-removed') {
        this.instances.vmRemoved(e.host, e.uuid);
        if (!this.vms.list().some((v) => v.uuid === e.uuid)) void this.guestKeys.forget(e.uuid).catch(() => undefined);
      }
      this.bus.emit('event', e);
    };
    this.hostRegistry = new HostRegistry(this.inventory, opts.prompts ?? {}, {
      status: (host, change) => {
        emit({ type: 'host-status', host, status: change.status, since: change.since.toISOString(), error: change.error });
        // Rows of a host that is not online are stale: tell listeners so they grey them out (or back).
        for (const vm of this.vms.list({ host })) emit({ type: 'vm-updated', vm });
        // The app (not a short CLI run) sweeps what dead downloads left whenever a host is (back) online.
        if (change.status === 'online' && (opts.autoConnect ?? true)) this.images.hostOnline(host);
      },
      connected: async (host, lv) => {
        this.undo.resume(host, lv);
        await Promise.all([this.vms.attach(host, lv), this.resources.attach(host, lv)]);
      },
    });
    this.resources = new ResourceWatch(emit, () => this.bus.listenerCount('event') > 0);
    this.undo = new UndoJournal(this.inventory, undoHostsOf(this.hostRegistry));
    this.undo.releaseOrphans();
    this.vms = new VmService(this.inventory, this.hostRegistry, emit);
    this.stats = new StatsService(this.hostRegistry);
    this.tasks = new TaskService((task) => emit({ type: 'task', task }));
    this.storage = new StorageService(this.hostRegistry, this.tasks, this.undo);
    this.networks = new NetworkService(this.hostRegistry);
    this.snapshots = new SnapshotService(this.hostRegistry, this.vms, this.undo);
    this.bridges = new BridgeService(this.hostRegistry);
    this.hosts = new HostService(this.hostRegistry, opts.prompts ?? {});
    this.consoles = new ConsoleService(this.hostRegistry, this.vms, this.guestKeys, opts.prompts ?? {});
    this.flavors = new FlavorService(this.inventory);
    this.images = new ImageService(this.inventory, this.hostRegistry, this.storage, this.tasks);
    this.ipam = new IpamService(this.inventory, this.hostRegistry, this.networks);
    this.instances = new InstanceService(
      this.inventory, this.hostRegistry, this.storage, this.networks, this.images, this.ipam, this.vms, this.tasks, this.undo,
    );
    this.handlers = this.makeHandlers();
    if (opts.autoConnect ?? true) this.hostRegistry.startAll();
    if (opts.statsIntervalMs) this.startStatsTicker(opts.statsIntervalMs);
  }

  onEvent(listener: (e: CoreEvent) => void): () => void {
    this.bus.on('event', listener);
    return () => this.bus.off('event', listener);
  }

  async close(): Promise<void> {
    if (this.statsTimer) clearInterval(this.statsTimer);
    await this.guestKeys.settle();
    await this.undo.settle();
    await this.hostRegistry.closeAll();
    this.inventory.close();
  }

  private startStatsTicker(ms: number): void {
    let busy = false;
    this.statsTimer = setInterval(() => {
      if (busy || this.bus.listenerCount('event') === 0) return;
      busy = true;
      this.stats
        .refresh()
        .then((all) => {
          for (const s of all) this.bus.emit('event', { type: 'stats', host: s.host, at: s.at, stats: s.stats });
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, ms);
    this.statsTimer.unref();
  }

  private makeHandlers(): ApiHandlers {
    return {
      'hosts.list': async () => this.hosts.list(),
      'hosts.probeKey': async ({ ssh, knownHostsFile }) => this.hosts.probeKey(ssh, knownHostsFile),
      'hosts.add': async ({ config, acceptFingerprint }) => this.hosts.add(config, acceptFingerprint),
      'hosts.remove': async ({ name }) => {
        await this.hosts.remove(name);
        return null;
      },
      'hosts.test': async ({ name }) => this.hosts.test(name),
      'hosts.sshAliases': async () => this.hosts.sshAliases(),
      'hosts.localKeys': async () => this.hosts.localKeys(),
      'hosts.localCandidate': async () => this.hosts.localCandidate(),
      'vms.list': async ({ host }) => this.vms.list(host ? { host } : {}),
      'vms.action': async ({ ref, action }) => {
        await this.tasks.run({ title: `${action} ${ref.vm}`, host: ref.host }, () => this.vms.action(ref, action));
        return null;
      },
      'vms.delete': async ({ ref, withStorage }) => {
        await this.tasks.run({ title: `delete ${ref.vm}`, host: ref.host }, () => this.vms.delete(ref, withStorage));
        return null;
      },
      'vms.rename': async ({ ref, newName }) => {
        await this.vms.rename(ref, newName);
        return null;
      },
      'vms.setAutostart': async ({ ref, autostart }) => {
        await this.vms.setAutostart(ref, autostart);
        return null;
      },
      'vms.setLocked': async ({ ref, locked }) => {
        this.vms.setLocked(ref, locked);
        return null;
      },
      'vms.xml': async ({ ref, inactive }) => this.vms.xml(ref, inactive ?? false),
      'vms.events': async ({ ref, limit }) =>
        this.vms.events(ref, limit).map((e) => ({ id: e.id, host: e.host, vmUuid: e.vmUuid, kind: e.kind, message: e.message, at: e.at })),
      'stats.refresh': async ({ host }) => this.stats.refresh(host),
      'pools.list': async ({ host }) => this.storage.pools.list(host),
      'pools.discover': async ({ host, type, sourceHost }) => this.storage.pools.discoverSources(host, type, sourceHost),
      'pools.check': async ({ host, spec, build }) => {
        await this.storage.pools.check(host, spec, build);
        return null;
      },
      'pools.define': async ({ host, spec, options }) =>
        this.tasks.run({ title: `define pool ${spec.name}`, host }, () => this.storage.pools.define(host, spec, options)),
      'pools.action': async ({ host, pool, action }) =>
        this.tasks.run({ title: `${action} pool ${pool}`, host }, () => {
          switch (action) {
            case 'start':
              return this.storage.pools.start(host, pool);
            case 'stop':
              return this.storage.pools.stop(host, pool);
            case 'build':
              return this.storage.pools.build(host, pool);
            case 'refresh':
              return this.storage.pools.refresh(host, pool);
          }
        }),
      'pools.setAutostart': async ({ host, pool, autostart }) => this.storage.pools.setAutostart(host, pool, autostart),
      'pools.deletePlan': async ({ host, pool, deleteData }) => this.storage.pools.deletePlan(host, pool, deleteData),
      'pools.delete': async ({ host, pool, deleteData }) => this.storage.pools.delete(host, pool, deleteData),
      'volumes.list': async ({ host, pool }) => this.storage.volumes.list(host, pool),
      'volumes.create': async ({ host, pool, options }) =>
        this.tasks.run({ title: `create volume ${pool}/${options.name}`, host }, () => this.storage.volumes.create(host, pool, options)),
      'volumes.clone': async ({ host, pool, volume, newName }) => this.storage.volumes.clone(host, pool, volume, newName),
      'volumes.resize': async ({ host, pool, volume, capacity, shrink, overcommit }) =>
        this.tasks.run({ title: `resize volume ${pool}/${volume}`, host }, () =>
          this.storage.volumes.resize(host, pool, volume, capacity, {
            ...(shrink === undefined ? {} : { shrink }),
            ...(overcommit === undefined ? {} : { overcommit }),
          })),
      'volumes.delete': async ({ host, pool, volume }) => {
        await this.tasks.run({ title: `delete volume ${pool}/${volume}`, host }, () => this.storage.volumes.delete(host, pool, volume));
        return null;
      },
      'volumes.upload': async ({ host, pool, volume, file }) => this.storage.transfers.upload(host, pool, volume, file),
      'volumes.download': async ({ host, pool, volume, file }) => this.storage.transfers.download(host, pool, volume, file),
      'networks.list': async ({ host }) => this.networks.list(host),
      'networks.check': async ({ host, spec }) => {
        await this.networks.check(host, spec);
        return null;
      },
      'networks.define': async ({ host, spec, start }) =>
        this.tasks.run({ title: `define network ${spec.name}`, host }, () => this.networks.define(host, spec, start === undefined ? {} : { start })),
      'networks.action': async ({ host, name, action }) =>
        this.tasks.run({ title: `${action} network ${name}`, host }, () =>
          action === 'start' ? this.networks.start(host, name) : this.networks.stop(host, name)),
      'networks.setAutostart': async ({ host, name, autostart }) => this.networks.setAutostart(host, name, autostart),
      'networks.delete': async ({ host, name }) => {
        await this.tasks.run({ title: `delete network ${name}`, host }, () => this.networks.delete(host, name));
        return null;
      },
      'snapshots.list': async ({ ref }) => this.snapshots.list(ref),
      'snapshots.create': async ({ ref, spec }) =>
        this.tasks.run({ title: `snapshot ${ref.vm}: create ${spec.name}`, host: ref.host }, () => this.snapshots.create(ref, spec)),
      'snapshots.revert': async ({ ref, name, start }) =>
        this.tasks.run({ title: `snapshot ${ref.vm}: revert to ${name}`, host: ref.host }, (t) =>
          this.snapshots.revert(ref, name, { ...(start === undefined ? {} : { start }), progress: t.progress })),
      'snapshots.delete': async ({ ref, name }) => {
        await this.tasks.run({ title: `snapshot ${ref.vm}: delete ${name}`, host: ref.host }, (t) =>
          this.snapshots.delete(ref, name, { progress: t.progress }));
        return null;
      },
      'bridges.detect': async ({ host }) => this.bridges.detect(host),
      'bridges.list': async ({ host }) => this.bridges.list(host),
      'bridges.create': async ({ host, spec }) =>
        this.tasks.run({ title: `bridge ${spec.name ?? spec.nic}: create`, host }, () => this.bridges.create(host, spec)),
      'bridges.confirm': async ({ host, id }) => this.bridges.confirm(host, id),
      'bridges.delete': async ({ host, name, rollbackSeconds }) =>
        this.tasks.run({ title: `bridge ${name}: delete`, host }, () =>
          this.bridges.remove(host, name, rollbackSeconds === undefined ? {} : { rollbackSeconds })),
      'images.list': async ({ host }) => this.images.list(host),
      'images.known': async () => [...this.images.known()],
      'images.add': async ({ host, source, ...opts }) => {
        if (source.kind === 'volume') return this.images.adopt(host, source.pool, source.volume, opts);
        const r = source.kind === 'url' ? await this.images.addUrl(host, source.url, opts) : await this.images.addFile(host, source.path, opts);
        return r.image;
      },
      'flavors.list': async () => this.flavors.list(),
      'flavors.add': async (f) => this.flavors.put(f),
      'ipam.get': async ({ host, network }) => this.ipam.get(host, network),
      'ipam.set': async ({ host, network, settings }) => this.ipam.set(host, network, settings),
      'ipam.describe': async ({ host, network }) => this.ipam.describe(host, network),
      'instances.validate': async ({ spec }) => this.instances.validate(spec),
      'instances.preview': async ({ spec }) => this.instances.preview(spec),
      'instances.launch': async ({ spec }) => this.instances.launch(spec),
      'tasks.list': async () => this.tasks.list(),
      'tasks.cancel': async ({ id }) => {
        this.tasks.cancel(id);
        return null;
      },
    };
  }
}

export async function createCore(opts: CoreOptions = {}): Promise<Core> {
  return new Core(opts.home ?? defaultHome(), opts);
}

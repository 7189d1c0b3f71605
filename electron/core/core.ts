// The composition root: builds the services over one inventory and spreads their handlers (each resource's
// handlers.ts) into the one ApiHandlers. Plain Node; the app, the bridge, the CLI and the tests run this object.
import { EventEmitter } from 'node:events';
import type { CallInput, CallName, CallResult, CallValue } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import { Inventory } from '../inventory/inventory.js';
import { AuditStore } from '../inventory/audit-store.js';
import { alertsPath, auditPath, defaultHome, inventoryPath, metricsPath } from '../inventory/paths.js';
import { alertHandlers } from './alerts/handlers.js';
import { AlertService } from './alerts/alert-service.js';
import type { ConsoleChannels, CoreApi } from './api.js';
import { AuditService } from './audit/audit-service.js';
import { auditHandlers } from './audit/handlers.js';
import { bridgeHandlers } from './bridges/handlers.js';
import { bulkHandlers } from './bulk/handlers.js';
import { BulkService } from './bulk/bulk-service.js';
import type { ApiHandlers } from './calls.js';
import { dispatchCall, invokeCall } from './dispatch.js';
import { flavorHandlers } from './flavors/handlers.js';
import { GrantService } from './grants/grant-service.js';
import { grantHandlers } from './grants/handlers.js';
import { hostHandlers } from './hosts/handlers.js';
import { imageHandlers } from './images/handlers.js';
import { instanceHandlers } from './instances/handlers.js';
import { newVmHandlers } from './newvm/handlers.js';
import { NewVmService } from './newvm/new-vm-service.js';
import { monitorHandlers } from './monitor/handlers.js';
import { networkHandlers } from './networks/handlers.js';
import { sheetHandlers } from './sheet/handlers.js';
import { SheetService } from './sheet/sheet-service.js';
import { snapshotHandlers } from './snapshots/handlers.js';
import { statsHandlers } from './stats/handlers.js';
import { storageHandlers } from './storage/handlers.js';
import { taskHandlers } from './tasks/handlers.js';
import { vmHandlers } from './vms/handlers.js';
import { xmlEditHandlers } from './xml-edit/handlers.js';
import { XmlEditService } from './xml-edit/xml-edit-service.js';
import { CloneService } from './vms/clone/clone-service.js';
import { migrationHandlers } from './migration/handlers.js';
import { MigrationService } from './migration/migration-service.js';
import { BridgeService } from './bridges/bridge-service.js';
import { ConsoleService } from './consoles/console-service.js';
import { GuestHostKeys } from './consoles/guest-host-keys.js';
import { hostExec } from './hosts/host-exec.js';
import { HostRegistry } from './hosts/host-registry.js';
import { FlavorService } from './flavors/flavor-service.js';
import { HostService } from './hosts/host-service.js';
import { ImageService } from './images/image-service.js';
import { TemplateMaker } from './images/template.js';
import { InstanceService } from './instances/instance-service.js';
import { ipamIdentity } from './instances/ipam-identity.js';
import { IpamService } from './instances/ipam-service.js';
import { HostStatsService } from './monitor/host-stats-service.js';
import { MetricsService } from './monitor/metrics-service.js';
import { ResourceWatch } from './resources/resource-watch.js';
import { SnapshotService } from './snapshots/snapshot-service.js';
import { StatsService } from './stats/stats-service.js';
import { startStatsTicker } from './stats/stats-ticker.js';
import { startTicker } from './ticker.js';
import { NetworkService } from './networks/network-service.js';
import { StorageService } from './storage/storage-service.js';
import { TaskService } from './tasks/task-service.js';
import { undoHostsOf, UndoJournal } from './tasks/undo-journal.js';
import { startReconcileTicker } from './vms/reconcile-ticker.js';
import { VmService } from './vms/vm-service.js';
import { VmFactsService } from './vms/vm-facts.js';
import { HardwareService } from './vms/hardware/hardware-service.js';
import type { CoreOptions } from './core-options.js';

export class Core implements CoreApi {
  readonly inventory: Inventory;
  readonly hostRegistry: HostRegistry;
  readonly hosts: HostService;
  readonly vms: VmService;
  readonly migration: MigrationService;
  readonly stats: StatsService;
  readonly hostStats: HostStatsService;
  readonly metrics: MetricsService;
  readonly alerts: AlertService;
  /** Every action of every front end (the dispatcher records them), here and on the hosts' audit files. */
  readonly audit: AuditService;
  readonly tasks: TaskService;
  readonly undo: UndoJournal;
  readonly storage: StorageService;
  readonly networks: NetworkService;
  readonly flavors: FlavorService;
  readonly grants: GrantService;
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
  private readonly stopStats: (() => void) | null;
  private readonly stopReconcile: (() => void) | null;
  private readonly stopAlertChecks: (() => void) | null;

  constructor(readonly home: string, opts: CoreOptions) {
    this.inventory = Inventory.open(inventoryPath(home));
    this.guestKeys = new GuestHostKeys(home);
    const emit = (e: CoreEvent): void => {
      // A VM that is gone frees its IP reservation, its seed volume and its SSH host keys — unless it only moved
      // to another host (being migrated now, or its row is there already): a migrated VM keeps its address.
      if (e.type === 'vm-removed' && !this.migration.isMoving(e.uuid) && !this.vms.list().some((v) => v.uuid === e.uuid)) {
        this.instances.vmRemoved(e.host, e.uuid);
        void this.guestKeys.forget(e.uuid).catch(() => undefined);
      }
      this.bus.emit('event', e);
      this.alerts?.onEvent(e);
    };
    const online = new Set<string>();
    this.hostRegistry = new HostRegistry(this.inventory, opts.prompts ?? {}, {
      status: (host, change) => {
        // Until the link dropped, libvirt's events kept the rows true: "last seen" is the moment it dropped.
        if (change.status === 'online') {
          online.add(host);
          this.audit.hostOnline(host); // the audit lines the host missed while it was away
        }
        else if (online.delete(host)) this.inventory.markHostVmsSeen(host, change.since);
        emit({ type: 'host-status', host, status: change.status, since: change.since.toISOString(), error: change.error });
        // Rows of a host that is not online are stale: tell listeners so they grey them out (or back).
        for (const vm of this.vms.list({ host })) emit({ type: 'vm-updated', vm });
        // The app (not a short CLI run) sweeps what dead downloads left whenever a host is (back) online.
        if (change.status === 'online' && (opts.autoConnect ?? true)) this.images.hostOnline(host);
      },
      removed: (host) => {
        online.delete(host);
        emit({ type: 'host-removed', host });
      },
      connected: async (host, lv) => {
        this.undo.resume(host, lv);
        // IPAM lives on the host: push what this home kept only here, cache what the host holds (a host without room
        // for it stays online: its IPAM calls fail with their own error). It needs nothing from the VM sync: both at once.
        const ipam = opts.ipam === false ? undefined : this.ipam.hostConnected(host).catch(() => undefined);
        // Console grants that have expired leave the host's authorized_keys (in the background: not worth a wait),
        // when the admin's VirtDeck follows the host (not for a CLI command that reads once).
        if (opts.watch !== false) this.grants.pruneInBackground(host);
        const sync = opts.watch === false ? this.vms.syncHost(host, lv) : Promise.all([this.vms.attach(host, lv), this.resources.attach(host, lv)]);
        await Promise.all([ipam, sync]);
      },
    });
    this.audit = new AuditService(AuditStore.open(auditPath(home)), this.hostRegistry);
    this.resources = new ResourceWatch(emit, () => this.bus.listenerCount('event') > 0);
    this.undo = new UndoJournal(this.inventory, undoHostsOf(this.hostRegistry));
    this.vms = new VmService(this.inventory, this.hostRegistry, emit);
    this.stats = new StatsService(this.hostRegistry);
    this.tasks = new TaskService((task) => emit({ type: 'task', task }));
    this.storage = new StorageService(this.hostRegistry, this.tasks, this.undo);
    this.networks = new NetworkService(this.hostRegistry);
    this.snapshots = new SnapshotService(this.hostRegistry, this.vms, this.undo);
    this.bridges = new BridgeService(this.hostRegistry, this.networks);
    this.hostStats = new HostStatsService(this.hostRegistry, {
      pools: (host) => this.storage.pools.list(host),
      vmStates: (host) => this.vms.list({ host }).map((v) => v.state),
      exec: (host, argv) => hostExec(this.hostRegistry.get(host), argv),
    });
    this.metrics = new MetricsService(metricsPath(home), this.hostRegistry, this.stats, (host) => this.hostStats.load(host));
    this.alerts = new AlertService(alertsPath(home), {
      online: () => this.hostRegistry.names().filter((h) => this.hostRegistry.isOnline(h)),
      levels: async (host) => {
        const [pools, memory] = await Promise.all([this.storage.pools.list(host), this.hostStats.memory(host)]);
        return { host, pools: pools.filter((p) => p.host === host), memory };
      },
      vms: () => this.vms.list(),
    }, emit, opts.alerts ?? false);
    this.hosts = new HostService(this.hostRegistry, opts.prompts ?? {});
    this.flavors = new FlavorService(this.inventory);
    this.grants = new GrantService(this.inventory, this.hostRegistry, this.hosts, this.vms, this.audit);
    this.images = new ImageService(this.inventory, this.hostRegistry, this.storage, this.tasks);
    const me = ipamIdentity(home);
    this.ipam = new IpamService(this.inventory, this.hostRegistry, this.networks, me);
    this.undo.useIpam({ home: me.home, release: (host, network, ip) => this.ipam.release(host, network, ip) });
    this.undo.releaseOrphans();
    this.migration = new MigrationService(this.inventory, this.hostRegistry, this.vms, this.ipam);
    this.consoles = new ConsoleService(this.hostRegistry, this.vms, this.ipam, this.guestKeys, opts.prompts ?? {}, this.grants.support);
    this.instances = new InstanceService(
      this.inventory, this.hostRegistry, this.storage, this.networks, this.images, this.ipam, this.vms, this.tasks, this.undo,
    );
    this.handlers = this.makeHandlers();
    if (opts.autoConnect ?? true) this.hostRegistry.startAll();
    this.stopStats = opts.statsIntervalMs
      ? startStatsTicker(this.stats, opts.statsIntervalMs, (e) => this.appTick(e), () => this.bus.listenerCount('event') > 0)
      : null;
    this.stopReconcile = opts.reconcileIntervalMs ? startReconcileTicker(this.vms, this.hostRegistry, opts.reconcileIntervalMs) : null;
    this.stopAlertChecks = opts.alertCheckIntervalMs ? startTicker(opts.alertCheckIntervalMs, () => this.alerts.check()) : null;
  }

  dispatch(name: unknown, input: unknown): Promise<CallResult<unknown>> {
    return dispatchCall(this, name, input);
  }

  /** One validated call in-process (the CLI, tests): its value, a task call's result once its task ends. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallValue<K>> {
    return invokeCall(this, name, input);
  }

  onEvent(listener: (e: CoreEvent) => void): () => void {
    this.bus.on('event', listener);
    return () => this.bus.off('event', listener);
  }

  async close(): Promise<void> {
    this.stopStats?.();
    this.metrics.close();
    this.stopReconcile?.();
    this.stopAlertChecks?.();
    await this.alerts.close();
    await this.guestKeys.settle();
    await this.undo.settle();
    await this.grants.close();
    await this.audit.settle();
    await this.ipam.settle();
    await this.hostRegistry.closeAll();
    this.audit.close();
    this.inventory.close();
  }

  /** The app's stats tick goes to the listeners and into the metrics history. */
  private appTick(e: CoreEvent): void {
    this.bus.emit('event', e);
    if (e.type === 'stats') void this.metrics.recorder.record(e.host, e.at, e.stats).catch(() => undefined);
  }

  private makeHandlers(): ApiHandlers {
    const facts = new VmFactsService(this.inventory, this.hostRegistry, this.vms);
    return {
      ...hostHandlers(this.hosts),
      ...vmHandlers(
        this.vms,
        new HardwareService(this.vms, this.hostRegistry, this.storage.volumes, this.ipam, this.inventory),
        facts,
        new CloneService(this.inventory, this.hostRegistry, this.vms, this.ipam, this.undo),
      ),
      ...xmlEditHandlers(new XmlEditService(this.hostRegistry, this.vms)),
      ...migrationHandlers(this.migration, this.vms, this.hostRegistry, this.inventory),
      ...statsHandlers(this.stats),
      ...monitorHandlers(this.hostStats, this.metrics),
      ...storageHandlers(this.storage),
      ...networkHandlers(this.networks),
      ...snapshotHandlers(this.snapshots, (ref) => this.vms.nameOf(ref)),
      ...bridgeHandlers(this.bridges),
      ...imageHandlers(this.images, new TemplateMaker(this.inventory, this.hostRegistry, this.vms, this.storage, this.images)),
      ...flavorHandlers(this.flavors),
      ...grantHandlers(this.grants),
      ...instanceHandlers(this.instances, this.ipam),
      ...newVmHandlers(new NewVmService(this.inventory, this.hostRegistry, this.storage, this.networks, this.vms, this.undo)),
      ...bulkHandlers(new BulkService(this.vms, facts, this.snapshots)),
      ...taskHandlers(this.tasks),
      ...alertHandlers(this.alerts),
      ...auditHandlers(this.audit),
      ...sheetHandlers(new SheetService({ hosts: this.hostRegistry, vms: this.vms, facts, ipam: this.ipam })),
    };
  }
}

export async function createCore(opts: CoreOptions = {}): Promise<Core> {
  return new Core(opts.home ?? defaultHome(), opts);
}

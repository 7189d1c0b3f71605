// The storage room of the core: pools, volumes and transfers (uploads/downloads) on every host, one service each.
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { PoolService } from './pools.js';
import { TransferService } from './transfers.js';
import { VolumeService } from './volumes.js';

export class StorageService {
  readonly pools: PoolService;
  readonly volumes: VolumeService;
  readonly transfers: TransferService;

  constructor(hosts: HostRegistry, tasks: TaskService, undo: UndoJournal) {
    this.pools = new PoolService(hosts, tasks, undo);
    this.volumes = new VolumeService(hosts, tasks);
    this.transfers = new TransferService(hosts, tasks, this.volumes);
  }
}

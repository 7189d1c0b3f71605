// Console grants: create on the VM's host (account, key entry, sudo rule, VNC password), list and revoke from the
// hosts themselves (the authorized_keys lines are the record), prune what has expired whenever a host connects.
import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { grantFileText, type GrantFile, type GrantInfo, type grantCreateSpec } from '../../../shared/ipc/grant-schemas.js';
import { GRANT_EXPIRED_ACTION } from '../../../shared/model/audit.js';
import type { AuditService } from '../audit/audit-service.js';
import { generateEd25519 } from '../../ssh/keygen.js';
import { CoreError } from '../errors.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { HostSession } from '../hosts/host-session.js';
import type { HostService } from '../hosts/host-service.js';
import { recordVmEvent } from '../vms/vm-history.js';
import type { VmService } from '../vms/vm-service.js';
import { type GrantEntry, grantsIn, isExpired, withGrant, withoutGrants } from './authorized-keys.js';
import { addSerialRule, CONSOLE_ACCOUNT, editAuthorizedKeys, ensureConsoleAccount, readAuthorizedKeys, removeSerialRules } from './grant-host.js';
import { SupportSessions } from './support-sessions.js';
import { grantVncPassword, newVncPassword, resetVncPassword } from './vnc-password.js';

export type GrantCreateSpec = z.output<typeof grantCreateSpec>;

export class GrantService {
  private readonly pruning = new Set<Promise<void>>();
  /** The other side: support mode's sessions, opened with grant files (no host config of this home involved). */
  readonly support = new SupportSessions();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly hostService: HostService,
    private readonly vms: VmService,
    private readonly audit: Pick<AuditService, 'record'>,
  ) {}

  async create(spec: GrantCreateSpec): Promise<{ grant: GrantInfo; file: GrantFile }> {
    const now = new Date();
    const until = new Date(spec.until);
    if (until <= now) throw new CoreError('grant.until-past', { until: until.toISOString() });
    const host = spec.ref.host;
    const session = this.hosts.get(host);
    const ssh = session.config.ssh;
    if (!ssh) throw new CoreError('host.no-ssh-target', { host });
    const vm = this.vms.get(spec.ref);
    await ensureConsoleAccount(session, spec.createAccount);
    const id = randomBytes(6).toString('hex');
    const password = spec.vnc ? newVncPassword() : null;
    const vncPort = password ? await grantVncPassword(this.vms, spec.ref, password, until) : null;
    if (spec.serial) await addSerialRule(session, id, vm.uuid);
    const key = generateEd25519(spec.passphrase, `virtdeck-grant-${id}`);
    const entry: GrantEntry = {
      id,
      uuid: vm.uuid,
      vm: vm.name,
      for: spec.for,
      until: until.toISOString(),
      vnc: spec.vnc,
      vncPort,
      serial: spec.serial,
      viewOnly: spec.viewOnly,
      from: spec.from ?? [],
      publicKey: key.publicKey.split(' ').slice(0, 2).join(' '),
    };
    await this.editKeys(session, (text) => withGrant(text, entry));
    this.record(host, entry, 'granted');
    const probe = await this.hostService.probeKey(ssh, session.config.knownHostsFile);
    const file: GrantFile = {
      kind: 'virtdeck-console-grant',
      version: 1,
      id,
      ssh: { host: ssh.host, port: ssh.port ?? 22, user: CONSOLE_ACCOUNT },
      hostKey: { type: probe.keyType, fingerprint: probe.fingerprint },
      vm: { name: vm.name, uuid: vm.uuid },
      vnc: password && vncPort ? { port: vncPort, password } : null,
      serial: spec.serial,
      viewOnly: spec.viewOnly,
      for: spec.for,
      window: { from: now.toISOString(), until: until.toISOString() },
      privateKey: key.privateKey,
    };
    if (spec.file !== undefined) {
      // The file the user picked to save: only its owner may read the (encrypted) key.
      await writeFile(spec.file, grantFileText(file), { mode: 0o600 });
      await chmod(spec.file, 0o600);
    }
    return { grant: this.info(host, entry), file };
  }

  /** Active grants of one host (or every online one), optionally of one VM (name or UUID); prunes expired ones. */
  async list(filter: { host?: string | undefined; vm?: string | undefined }): Promise<GrantInfo[]> {
    const out: GrantInfo[] = [];
    for (const host of this.hosts.namesOrOnline(filter.host)) {
      const text = await this.editKeys(this.hosts.get(host), (t) => t);
      for (const g of grantsIn(text)) {
        if (!filter.vm || g.vm === filter.vm || g.uuid === filter.vm) out.push(this.info(host, g));
      }
    }
    return out;
  }

  /** Removes the grant's entry and sudo rule, and resets its VM's VNC password. */
  async revoke(id: string): Promise<GrantInfo> {
    for (const host of this.hosts.namesOrOnline()) {
      const session = this.hosts.get(host);
      if (!grantsIn(await readAuthorizedKeys(session)).some((g) => g.id === id)) continue;
      let removed: GrantEntry[] = [];
      await editAuthorizedKeys(session, (text) => {
        const r = withoutGrants(text, (g) => g.id === id);
        removed = r.removed;
        return r.text;
      });
      const g = removed[0];
      if (!g) continue;
      await removeSerialRules(session, [g.id]);
      if (g.vnc) await resetVncPassword(this.vms, { host, vm: g.uuid });
      this.record(host, g, 'grant-revoked');
      return this.info(host, g);
    }
    throw new CoreError('grant.not-found', { id });
  }

  /**
   * Drops expired entries and their sudo rules, in the background (at every connect of the admin's VirtDeck; a
   * failure waits for the next connect). settle() waits for the prunes under way.
   */
  pruneInBackground(host: string): void {
    const p = this.editKeys(this.hosts.get(host), (t) => t).then(
      () => undefined,
      () => undefined,
    );
    this.pruning.add(p);
    void p.finally(() => this.pruning.delete(p));
  }

  async settle(): Promise<void> {
    await Promise.all([...this.pruning]);
  }

  /** The core closes: the prunes under way end, and so do the support sessions. */
  async close(): Promise<void> {
    await this.settle();
    await this.support.closeAll();
  }

  /** Edits authorized_keys (when the account exists), always dropping expired grants with their sudo rules. */
  private async editKeys(session: HostSession, edit: (text: string) => string): Promise<string> {
    const now = new Date();
    let expired: GrantEntry[] = [];
    const text = await editAuthorizedKeys(session, (t) => {
      const r = withoutGrants(t, (g) => isExpired(g, now));
      expired = r.removed;
      return edit(r.text);
    });
    await removeSerialRules(session, expired.map((g) => g.id));
    for (const g of expired) {
      this.record(session.config.name, g, 'grant-expired');
      // Not a call: the audit log gets the expiry from here (create and revoke are calls, audited by the dispatcher).
      this.audit.record(GRANT_EXPIRED_ACTION, { host: session.config.name, vm: g.vm, object: g.id, args: { for: g.for, until: g.until } });
    }
    return text;
  }

  /** The VM's history is the grants' audit log (the local inventory keeps it with the grant's id). */
  private record(host: string, g: GrantEntry, kind: 'granted' | 'grant-revoked' | 'grant-expired'): void {
    const event = kind === 'granted' ? { kind, params: { id: g.id, for: g.for, until: g.until } } : { kind, params: { id: g.id, for: g.for } };
    const message =
      kind === 'granted' ? `console grant ${g.id} given to ${g.for} until ${g.until}` : `console grant ${g.id} of ${g.for} ${kind === 'grant-revoked' ? 'revoked' : 'expired'}`;
    recordVmEvent(this.inventory, { host, vmUuid: g.uuid, event, message });
  }

  private info(host: string, g: GrantEntry): GrantInfo {
    const { publicKey: _key, ...rest } = g;
    return { ...rest, host, account: CONSOLE_ACCOUNT };
  }
}

// Support mode's sessions: a grant file opened with its passphrase becomes a link (grant-session.ts) known by a
// random id; the front end opens the granted consoles through it and ends it. Nothing of any host config is used.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { SupportSession } from '../../../shared/ipc/grant-schemas.js';
import type { GuestShell } from '../api.js';
import { CoreError } from '../errors.js';
import { GrantLink, parseGrantFile } from './grant-session.js';

export class SupportSessions {
  private readonly links = new Map<string, GrantLink>();

  async open(file: string, passphrase: string): Promise<SupportSession> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new CoreError('grant.file-invalid', { file, reason: (err as Error).message });
    }
    const grant = parseGrantFile(file, text);
    const link = await GrantLink.open(grant, passphrase, file);
    const id = randomBytes(8).toString('hex');
    this.links.set(id, link);
    return {
      id,
      grant: grant.id,
      host: grant.ssh.host,
      vm: grant.vm,
      for: grant.for,
      until: grant.window.until,
      viewOnly: grant.viewOnly,
      serial: grant.serial,
      // noVNC answers the VM's VNC authentication with it (the host checks it, valid until the grant's end).
      vnc: grant.vnc ? { password: grant.vnc.password } : null,
    };
  }

  async openVnc(id: string): Promise<Duplex> {
    return this.link(id).vnc();
  }

  async openSerial(id: string, size: { cols: number; rows: number }): Promise<GuestShell> {
    return this.link(id).serial(size);
  }

  async close(id: string): Promise<void> {
    const link = this.links.get(id);
    this.links.delete(id);
    await link?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.links.keys()].map((id) => this.close(id)));
  }

  private link(id: string): GrantLink {
    const link = this.links.get(id);
    if (!link) throw new CoreError('grant.no-session', { id });
    return link;
  }
}

import { describe, expect, it } from 'vitest';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fingerprintSha256,
  hostPatternsMatch,
  KnownHosts,
  keyTypeOfBlob,
} from '../../../electron/ssh/known-hosts.js';

/** A syntactically valid ssh-ed25519 public key blob with random key bytes. */
function ed25519Blob(): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = randomBytes(32);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([u32(type.length), type, u32(key.length), key]);
}

function rsaLikeBlob(): Buffer {
  const type = Buffer.from('ssh-rsa');
  const b = Buffer.alloc(4);
  b.writeUInt32BE(type.length);
  return Buffer.concat([b, type, randomBytes(40)]);
}

function tempFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vd-kh-'));
  const file = join(dir, 'known_hosts');
  writeFileSync(file, content);
  return file;
}

const line = (hosts: string, blob: Buffer) => `${hosts} ${keyTypeOfBlob(blob)} ${blob.toString('base64')}`;

describe('known_hosts', () => {
  const k1 = ed25519Blob();
  const k2 = ed25519Blob();

  it('fingerprint is SHA256 base64 without padding', () => {
    const fp = fingerprintSha256(k1);
    expect(fp).toBe(`SHA256:${createHash('sha256').update(k1).digest('base64').replace(/=+$/, '')}`);
    expect(fp).not.toMatch(/=$/);
  });

  it('plain entry, comma list, bracketed port', () => {
    const file = tempFile(`# comment\n\n${line('kvm1,10.0.0.1', k1)}\n${line('[10.0.0.2]:2201', k2)} some comment\n`);
    const kh = new KnownHosts({ file });
    expect(kh.verify(k1, 'kvm1', 22)).toEqual({ status: 'known' });
    expect(kh.verify(k1, '10.0.0.1', 22)).toEqual({ status: 'known' });
    // The same host on another port is a different known_hosts name.
    expect(kh.verify(k1, 'kvm1', 2222).status).toBe('unknown');
    expect(kh.verify(k2, '10.0.0.2', 2201)).toEqual({ status: 'known' });
    expect(kh.verify(k2, '10.0.0.2', 22)).toEqual({ status: 'unknown', fingerprint: fingerprintSha256(k2), keyType: 'ssh-ed25519', otherKnownTypes: [] });
  });

  it('wildcards and negation in host patterns', () => {
    expect(hostPatternsMatch('*.lab,!bad.lab', 'good.lab')).toBe(true);
    expect(hostPatternsMatch('*.lab,!bad.lab', 'bad.lab')).toBe(false);
  });

  it('hashed entry made in the test with HMAC-SHA1', () => {
    const salt = randomBytes(20);
    const mac = createHmac('sha1', salt).update('[secret.host]:2222').digest('base64');
    const file = tempFile(`${line(`|1|${salt.toString('base64')}|${mac}`, k1)}\n`);
    const kh = new KnownHosts({ file });
    expect(kh.verify(k1, 'secret.host', 2222)).toEqual({ status: 'known' });
    expect(kh.verify(k1, 'secret.host', 22).status).toBe('unknown');
    expect(kh.verify(k1, 'other.host', 2222).status).toBe('unknown');
  });

  it('changed key of the same type names the file and line', () => {
    const file = tempFile(`${line('other', k2)}\n${line('kvm1', k2)}\n`);
    const r = new KnownHosts({ file }).verify(k1, 'kvm1', 22);
    expect(r).toEqual({
      status: 'changed',
      fingerprint: fingerprintSha256(k1),
      keyType: 'ssh-ed25519',
      expectedFingerprints: [fingerprintSha256(k2)],
      file,
      line: 2,
    });
  });

  it('a key of another type only is unknown, not changed, and says which types are known (OpenSSH warns)', () => {
    const file = tempFile(`${line('kvm1', rsaLikeBlob())}\n${line('kvm1', rsaLikeBlob())}\n${line('kvm2', k2)}\n`);
    const kh = new KnownHosts({ file });
    expect(kh.verify(k1, 'kvm1', 22)).toEqual({ status: 'unknown', fingerprint: fingerprintSha256(k1), keyType: 'ssh-ed25519', otherKnownTypes: ['ssh-rsa'] });
    expect(kh.knownKeyTypes('kvm1', 22)).toEqual(['ssh-rsa']);
    expect(kh.verify(k1, 'kvm3', 22)).toMatchObject({ status: 'unknown', otherKnownTypes: [] });
  });

  it('host names are matched and hashed in lower case, as OpenSSH does', async () => {
    const salt = randomBytes(20);
    const mac = createHmac('sha1', salt).update('kvm1.lab').digest('base64');
    const file = tempFile(`${line(`|1|${salt.toString('base64')}|${mac}`, k1)}\n${line('Plain.Lab', k2)}\n`);
    const kh = new KnownHosts({ file, hashHostNames: true });
    expect(kh.verify(k1, 'KVM1.Lab', 22)).toEqual({ status: 'known' });
    expect(kh.verify(k2, 'plain.LAB', 22)).toEqual({ status: 'known' });
    await kh.append('New.Host', 2222, k2);
    const [, , saltB64, hmac] = readFileSync(file, 'utf8').trim().split('\n').pop()!.split(' ')[0]!.split('|');
    expect(hmac).toBe(createHmac('sha1', Buffer.from(saltB64!, 'base64')).update('[new.host]:2222').digest('base64'));
    await new KnownHosts({ file }).append('Shown.Host', 22, k1);
    expect(readFileSync(file, 'utf8')).toContain(line('shown.host', k1));
  });

  it('@revoked refuses even when also listed as known; @cert-authority is not applied, but listed to be told', () => {
    const file = tempFile(`${line('kvm1', k1)}\n@revoked ${line('*', k1)}\n@cert-authority ${line('*.lab', k2)}\n`);
    const kh = new KnownHosts({ file });
    expect(kh.verify(k1, 'kvm1', 22)).toMatchObject({ status: 'revoked', line: 2, file });
    expect(kh.verify(k2, 'kvm1', 22).status).toBe('changed');
    expect(kh.verify(k2, 'a.lab', 22).status).toBe('unknown');
    expect(kh.certAuthorityLines('a.lab', 22)).toEqual([{ file, line: 3 }]);
    expect(kh.certAuthorityLines('kvm1', 22)).toEqual([]);
  });

  it('append keeps other lines (file without final newline), plain and hashed', async () => {
    const original = `# keep me\n${line('kvm1', k1)}`;
    const file = tempFile(original);
    const kh = new KnownHosts({ file });
    await Promise.all([kh.append('new.host', 2201, k2), kh.append('second', 22, k1)]);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${original}\n`)).toBe(true);
    expect(text).toContain(line('[new.host]:2201', k2));
    expect(text).toContain(line('second', k1));
    expect(kh.verify(k2, 'new.host', 2201)).toEqual({ status: 'known' });

    const hashed = new KnownHosts({ file, hashHostNames: true });
    await hashed.append('hidden', 2222, k2);
    const last = readFileSync(file, 'utf8').trim().split('\n').pop()!;
    expect(last).toMatch(/^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
    expect(last).not.toContain('hidden');
    expect(kh.verify(k2, 'hidden', 2222)).toEqual({ status: 'known' });
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(6);
  });

  it('remove drops the lines naming exactly that host (plain, in a list, hashed), keeps wildcards and comments', async () => {
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[gone]:2222').digest('base64')}`;
    const keep = [`# a comment`, line('*', k1), line('other', k2), line('[gone]:22', k1)];
    const file = tempFile(
      [keep[0], line('[gone]:2222', k1), keep[1], line(`other2,[GONE]:2222`, k2), line(hashed, k2), keep[2], `@revoked ${line('[gone]:2222', k2)}`, keep[3], ''].join('\n'),
    );
    const kh = new KnownHosts({ file });
    await kh.remove('Gone', 2222);
    expect(readFileSync(file, 'utf8')).toBe([...keep, ''].join('\n'));
    await kh.remove('not-there', 22); // nothing to drop: the file is left alone
    expect(readFileSync(file, 'utf8')).toBe([...keep, ''].join('\n'));
    const missing = join(mkdtempSync(join(tmpdir(), 'vd-kh-')), 'none');
    await new KnownHosts({ file: missing }).remove('x', 22);
    expect(() => readFileSync(missing)).toThrow(/ENOENT/);
  });

  it('append creates a missing file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vd-kh-')), 'sub', 'known_hosts');
    await new KnownHosts({ file }).append('h', 22, k1);
    expect(readFileSync(file, 'utf8')).toBe(`${line('h', k1)}\n`);
  });
});

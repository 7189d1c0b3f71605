// "[user@]host[:port]" as typed in the add-host wizard; IPv6 hosts in brackets ("[::1]:22").
export interface SshAddress {
  user?: string;
  host: string;
  port?: number;
}

export function parseSshAddress(input: string): SshAddress | null {
  const s = input.trim();
  const m = /^(?:([^@\s:/]+)@)?(\[[0-9a-fA-F:.]+\]|[^@\s:/[\]]+)(?::(\d{1,5}))?$/.exec(s);
  if (!m) return null;
  const [, user, rawHost, rawPort] = m;
  const host = (rawHost as string).replace(/^\[(.*)\]$/, '$1');
  const out: SshAddress = { host };
  if (user) out.user = user;
  if (rawPort !== undefined) {
    const port = Number(rawPort);
    if (port < 1 || port > 65535) return null;
    out.port = port;
  }
  return out;
}

// "[user@]host[:port]" as typed in the add-host wizard; IPv6 hosts in brackets ("[::1]:22").
export interface SshAddress {
  user?: string;
  host: string;
  port?: number;
}

/**
 * The address split into its parts as typed, for the core to check each (a user with "@" in it, a host with a
 * space, a port out of range are its to name); a port that is no number is NaN. Null when nothing is typed.
 */
export function splitSshAddress(input: string): SshAddress | null {
  const s = input.trim();
  if (!s) return null;
  const at = s.lastIndexOf('@');
  const rest = s.slice(at + 1);
  const m = /^\[([^\]]*)\](?::(.*))?$/.exec(rest) ?? (/^([^:]*)(?::(.*))?$/.exec(rest) as RegExpExecArray);
  const [, host = '', port] = m;
  return {
    ...(at >= 0 ? { user: s.slice(0, at) } : {}),
    host,
    ...(port === undefined ? {} : { port: /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN }),
  };
}

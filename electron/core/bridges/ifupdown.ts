// /etc/network/interfaces (ifupdown + bridge-utils) edits for a bridge: the NIC's `iface … inet` stanza moves to
// the bridge (its options with it) and the NIC becomes a `manual` port; delete moves them back. Pure text in,
// text out; every other line stays as it was.
import { CoreError } from '../errors.js';

interface Stanza {
  /** Index of the `iface` line and one past its last option line. */
  start: number;
  end: number;
  method: string;
  options: string[];
}

const TOP_LEVEL = /^(iface|auto|allow-\S+|mapping|source|source-directory|rename|no-auto-down|no-scripts)\b/;
const MARK = '# bridge added by VirtDeck';

function findStanza(lines: string[], iface: string): Stanza | null {
  const re = new RegExp(`^iface\\s+${iface.replace(/[.]/g, '\\.')}\\s+inet\\s+(\\S+)`);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i] as string);
    if (!m) continue;
    let end = i + 1;
    const options: string[] = [];
    while (end < lines.length && !TOP_LEVEL.test(lines[end] as string)) {
      const opt = (lines[end] as string).trim();
      if (opt && !opt.startsWith('#')) options.push(opt);
      end++;
    }
    // Trailing blank/comment lines belong to whatever follows.
    while (end > i + 1 && !(lines[end - 1] as string).trim()) end--;
    return { start: i, end, method: m[1] as string, options };
  }
  return null;
}

export interface EniBridgePlan {
  text: string;
  /** True when the port had a stanza of its own (then it is taken down before the switch). */
  portHadStanza: boolean;
}

/** Adds bridge `bridge` with port `port` (the NIC, or its VLAN sub-interface), moving the port's IPv4 config. */
export function eniAddBridge(original: string, bridge: string, port: string): EniBridgePlan {
  const lines = original.split('\n');
  if (findStanza(lines, bridge)) throw new CoreError('bridge.eni-defines', { name: bridge });
  const stanza = findStanza(lines, port);
  if (!stanza && !port.includes('.')) {
    throw new CoreError('bridge.eni-no-stanza', { port });
  }
  const method = stanza?.method ?? 'manual';
  const moved = stanza?.options.filter((o) => !/^bridge_/.test(o)) ?? [];
  if (stanza) lines.splice(stanza.start, stanza.end - stanza.start, `iface ${port} inet manual`);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.push(
    '',
    MARK,
    `auto ${bridge}`,
    `iface ${bridge} inet ${method}`,
    `    bridge_ports ${port}`,
    '    bridge_stp off',
    '    bridge_fd 0',
    '    bridge_maxwait 0',
    ...moved.map((o) => `    ${o}`),
    '',
  );
  return { text: lines.join('\n'), portHadStanza: stanza !== null };
}

/** Removes bridge `bridge`; its single port gets the bridge's IPv4 config back. Returns the text and the port. */
export function eniRemoveBridge(original: string, bridge: string): { text: string; port: string } {
  const lines = original.split('\n');
  const stanza = findStanza(lines, bridge);
  if (!stanza) throw new CoreError('bridge.eni-no-bridge', { name: bridge });
  const ports = stanza.options.find((o) => o.startsWith('bridge_ports'))?.split(/\s+/).slice(1) ?? [];
  if (ports.length !== 1) throw new CoreError('bridge.eni-ports', { name: bridge, count: ports.length });
  const port = ports[0] as string;
  const moved = stanza.options.filter((o) => !/^bridge_/.test(o));
  // Drop the stanza, its `auto` line and our marker.
  lines.splice(stanza.start, stanza.end - stanza.start);
  for (let i = stanza.start - 1; i >= 0 && i >= stanza.start - 3; i--) {
    const l = (lines[i] as string).trim();
    if (l === `auto ${bridge}` || l === MARK) lines.splice(i, 1);
  }
  const portStanza = findStanza(lines, port);
  const restored = [`iface ${port} inet ${stanza.method}`, ...moved.map((o) => `    ${o}`)];
  if (portStanza) lines.splice(portStanza.start, portStanza.end - portStanza.start, ...restored);
  else if (stanza.method !== 'manual' || moved.length) lines.push(`auto ${port}`, ...restored);
  while (lines.length > 1 && lines[lines.length - 1] === '' && lines[lines.length - 2] === '') lines.pop();
  return { text: lines.join('\n'), port };
}

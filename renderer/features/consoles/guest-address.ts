// The guest address guest SSH starts from, and what is wrong with the one in the dialog.

/** The guest agent's first IPv4 address (else its first), without the prefix; null when the agent reported none. */
export function agentAddress(ips: readonly string[]): string | null {
  const plain = ips.map((a) => a.replace(/\/\d+$/, ''));
  return plain.find((a) => !a.includes(':')) ?? plain[0] ?? null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

/** 'checking' while IPAM is asked, 'none' for no address at all, 'invalid' for one that is not an IP; else null. */
export function guestAddressProblem(address: string, checking: boolean): 'checking' | 'none' | 'invalid' | null {
  if (!address) return checking ? 'checking' : 'none';
  if (IPV4.test(address) || (address.includes(':') && IPV6.test(address))) return null;
  return 'invalid';
}

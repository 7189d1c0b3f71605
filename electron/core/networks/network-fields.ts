// Which field of a network spec a network check's error is about, so the wizard shows it on that input. An error
// about a value (an address, an interface name) names the field that holds that value.
import type { ErrorCode } from '../../../shared/model/errors.js';
import type { NetworkSpec } from '../../../shared/model/network.js';
import { CoreError } from '../errors.js';

const FIELD_OF: Partial<Record<ErrorCode, keyof NetworkSpec>> = {
  'name.empty': 'name', 'name.too-long': 'name', 'name.bad-chars': 'name', 'network.exists': 'name',
  'network.bad-mode': 'mode',
  'network.bridge-needs-name': 'bridge', 'network.bridge-no-addresses': 'cidr',
  'network.bridge-no-forward-dev': 'forwardDev', 'network.forward-dev-mode': 'forwardDev',
  'network.needs-address': 'cidr', 'network.host-address-reserved': 'cidr', 'network.overlap': 'cidr',
  'network.prefix-range': 'cidr', 'value.not-cidr': 'cidr', 'ip.prefix-too-large': 'cidr',
  'network.dhcp-outside': 'dhcpRange', 'network.dhcp-reversed': 'dhcpRange', 'network.dhcp-has-host': 'dhcpRange',
  'network.static-needs-dhcp': 'dhcpHosts', 'value.not-mac': 'dhcpHosts', 'network.static-outside': 'dhcpHosts',
  'value.not-hostname': 'dhcpHosts', 'network.mac-twice': 'dhcpHosts', 'network.ip-twice': 'dhcpHosts',
};

function fieldOfValue(spec: NetworkSpec, value: string): keyof NetworkSpec | undefined {
  if (spec.bridge === value) return 'bridge';
  if (spec.forwardDev === value) return 'forwardDev';
  if (spec.dhcpRange && (spec.dhcpRange.start === value || spec.dhcpRange.end === value)) return 'dhcpRange';
  if (spec.dhcpHosts?.some((h) => h.ip === value)) return 'dhcpHosts';
  return undefined;
}

/** The error with the spec field it is about (unchanged when it names one already, or none fits). */
export function withNetworkField(spec: NetworkSpec, err: CoreError): CoreError {
  if (err.field !== undefined) return err;
  const value = err.params['value'] ?? err.params['name'];
  const byValue = typeof value === 'string' && !err.code.startsWith('name.') ? fieldOfValue(spec, value) : undefined;
  const field = byValue ?? FIELD_OF[err.code];
  return field === undefined ? err : CoreError.from({ ...err.report(), field }, err);
}

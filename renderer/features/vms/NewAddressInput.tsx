// The address a VirtDeck instance gets when it is cloned or migrated: a CIDR or "auto"; left empty, the core decides.
import { TextInput } from '@mantine/core';

export function NewAddressInput(p: { label: string; hint: string; value: string; onChange(value: string): void; testId: string }): React.JSX.Element {
  return <TextInput label={p.label} description={p.hint} placeholder="auto" value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)} data-testid={p.testId} />;
}

/** The typed address as the call's optional `ip`. */
export function addressOption(typed: string): { ip?: string } {
  const ip = typed.trim();
  return ip ? { ip } : {};
}

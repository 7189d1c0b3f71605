// Console tab labels that tell tabs apart, and the guest address guest SSH starts from.
import { describe, expect, it } from 'vitest';
import { tabLabel } from '../../../renderer/app/tab-label.js';
import { translate } from '../../../renderer/app/i18n/index.js';
import { agentAddress, guestAddressProblem } from '../../../renderer/features/consoles/guest-address.js';

const en = (k: Parameters<typeof translate>[1]) => translate('en', k);
const zh = (k: Parameters<typeof translate>[1]) => translate('zh-CN', k);

describe('tabLabel', () => {
  const web01 = { name: 'web01', host: 'h1' };
  it('names the VM, the console and the host', () => {
    expect(tabLabel({ id: 'vnc:h1/u', kind: 'vnc', vmKey: 'h1/u' }, web01, en)).toBe('web01 · VNC · h1');
    expect(tabLabel({ id: 'serial:h1/u', kind: 'serial', vmKey: 'h1/u' }, web01, zh)).toBe('web01 · 串口 · h1');
    expect(tabLabel({ id: 'ssh:h1/u', kind: 'ssh', vmKey: 'h1/u', user: 'debian' }, web01, en)).toBe('debian@web01 · SSH · h1');
    expect(tabLabel({ id: 'vm:h1/u', kind: 'vm', vmKey: 'h1/u' }, web01, en)).toBe('web01 · h1');
  });

  it('keeps the host from the key while the VM is not (yet) known', () => {
    expect(tabLabel({ id: 'vnc:h2/u', kind: 'vnc', vmKey: 'h2/u' }, undefined, en)).toBe('? · VNC · h2');
  });
});

describe('guest address', () => {
  it('takes the agent’s first IPv4 without its prefix', () => {
    expect(agentAddress(['fe80::1/64', '10.0.0.5/24'])).toBe('10.0.0.5');
    expect(agentAddress(['fd00::5/64'])).toBe('fd00::5');
    expect(agentAddress([])).toBeNull();
  });

  it('says when there is no address, or one that is not an IP', () => {
    expect(guestAddressProblem('', true)).toBe('checking');
    expect(guestAddressProblem('', false)).toBe('none');
    expect(guestAddressProblem('10.0.0.256', false)).toBe('invalid');
    expect(guestAddressProblem('web01; rm -rf /', false)).toBe('invalid');
    expect(guestAddressProblem('10.0.0.5', false)).toBeNull();
    expect(guestAddressProblem('fd00::5', false)).toBeNull();
  });
});

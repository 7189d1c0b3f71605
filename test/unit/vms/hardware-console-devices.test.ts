// Graphics, serial console and guest agent channel present or not, edited with the XML model: only what is asked
// changes, the rest of the definition is kept, and a second identical change changes nothing.
import { describe, expect, it } from 'vitest';
import { applyDevices, setDevices } from '../../../electron/core/vms/hardware/console-devices.js';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import type { HwTarget } from '../../../electron/core/vms/hardware/target.js';
import { setDevicesInput } from '../../../shared/ipc/hardware-schemas.js';
import { fixture } from '../xml/prop-harness.js';

const spice = () => DomainXml.parse(fixture('domain/tb-xmlfix-spice-full.inactive.xml'));
const bare = () =>
  DomainXml.parse(`<domain type="qemu"><name>a</name><memory>65536</memory><devices><video><model type="none"/></video></devices></domain>`);

const who = { host: 'h1', vm: 'a' };

describe('console devices', () => {
  it('graphics none: no display, no video card, no SPICE companions; sound keeps a silent backend', () => {
    const x = spice();
    expect(applyDevices(x, { graphics: 'none' }, who)).toEqual(['graphics']);
    const back = DomainXml.parse(x.toXml());
    expect([back.graphics.length, back.videos.length]).toEqual([0, 0]);
    expect(back.channels.filter((c) => c.type === 'spicevmc')).toEqual([]);
    expect(x.toXml()).not.toContain('redirdev');
    expect(x.toXml()).toContain('<audio id="1" type="none"/>');
    expect(x.toXml()).toContain('<watchdog');
    expect(applyDevices(x, { graphics: 'none' }, who)).toEqual([]);
  });
  it('graphics vnc: one VNC display on loopback; a video model none goes (libvirt adds its default card)', () => {
    const x = bare();
    expect(applyDevices(x, { graphics: 'vnc' }, who)).toEqual(['graphics']);
    expect(x.graphics.map((g) => [g.type, g.autoport, g.listen])).toEqual([['vnc', true, '127.0.0.1']]);
    expect(x.videos).toEqual([]);
    expect(applyDevices(x, { graphics: 'vnc' }, who)).toEqual([]);
  });
  it('serial off takes the serial port and its console; on adds a pty port', () => {
    const x = spice();
    expect(applyDevices(x, { serial: false }, who)).toEqual(['serial']);
    expect([x.serials.length, x.consoles.length]).toEqual([0, 0]);
    expect(applyDevices(x, { serial: true }, who)).toEqual(['serial']);
    expect(canonicalXml(x.serials[0]!.toXml())).toBe(canonicalXml(`<serial type="pty"><target port="0"/></serial>`));
    expect(applyDevices(x, { serial: true }, who)).toEqual([]);
  });
  it('the agent channel on and off; other channels stay', () => {
    const x = spice();
    expect(applyDevices(x, { agent: true, serial: true }, who)).toEqual(['agent']);
    expect(canonicalXml(x.channels.at(-1)!.toXml())).toBe(
      canonicalXml(`<channel type="unix"><target name="org.qemu.guest_agent.0" type="virtio"/></channel>`),
    );
    expect(applyDevices(x, { agent: false }, who)).toEqual(['agent']);
    expect(x.channels.map((c) => c.targetName)).toEqual(['com.redhat.spice.0']);
  });
  it('the clipboard channel: qemu-vdagent with copy/paste on the agent port, on and off', () => {
    const x = bare();
    expect(applyDevices(x, { clipboard: true }, who)).toEqual(['clipboard']);
    expect(canonicalXml(x.channels[0]!.toXml())).toBe(
      canonicalXml(`<channel type="qemu-vdagent"><source><clipboard copypaste="yes"/><mouse mode="client"/></source>
        <target type="virtio" name="com.redhat.spice.0"/></channel>`),
    );
    expect(applyDevices(x, { clipboard: true }, who)).toEqual([]);
    expect(applyDevices(x, { clipboard: false }, who)).toEqual(['clipboard']);
    expect(x.channels).toEqual([]);
  });
  it('clipboard on a qemu-vdagent channel without copy/paste turns it on; SPICE\'s agent channel is not replaced', () => {
    const x = bare();
    x.addChannel({ type: 'qemu-vdagent', mouseMode: 'client', targetType: 'virtio', targetName: 'com.redhat.spice.0' });
    expect(applyDevices(x, { clipboard: true }, who)).toEqual(['clipboard']);
    expect(x.channels.map((c) => [c.type, c.clipboardCopyPaste, c.mouseMode])).toEqual([['qemu-vdagent', true, 'client']]);
    const s = spice();
    expect(() => applyDevices(s, { clipboard: true }, who)).toThrow(expect.objectContaining({ code: 'vm.clipboard-port-taken', params: { ...who, type: 'spicevmc' } }));
    // Without the SPICE display its agent channel goes, and then the clipboard channel can come.
    expect(applyDevices(s, { graphics: 'none', clipboard: true }, who)).toEqual(['graphics', 'clipboard']);
  });
  it('graphics and serial cannot change live only: refused before anything is touched', async () => {
    const t = { who: { host: 'h1', vm: 'a' }, running: true, config: spice(), live: spice() } as unknown as HwTarget;
    const liveOnly = { live: true, config: false, auto: false };
    await expect(setDevices(t, liveOnly, { serial: false })).rejects.toMatchObject({ code: 'vm.config-only', params: { part: 'serial' } });
    await expect(setDevices(t, liveOnly, {})).rejects.toMatchObject({ code: 'vm.no-change' });
  });
  it('the call takes vnc|none and on/off as booleans only', () => {
    const ref = { host: 'h1', vm: 'a' };
    expect(setDevicesInput.safeParse({ ref, graphics: 'vnc', agent: true }).success).toBe(true);
    expect(setDevicesInput.safeParse({ ref, graphics: 'spice' }).success).toBe(false);
    expect(setDevicesInput.safeParse({ ref, serial: 'on' }).success).toBe(false);
  });
});

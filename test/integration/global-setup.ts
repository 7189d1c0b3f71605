// Placeholder until test/testbed lands: reuse an already running test bed (VIRTDECK_TESTBED, default /tmp/tb).
export default function setup(): void {
  process.env.VIRTDECK_TESTBED ??= '/tmp/tb';
}

// Client side of libvirt's keepalive protocol: PING when the peer has been silent for an interval;
// after `count` unanswered PINGs the connection is dead.

export interface KeepaliveOptions {
  intervalMs: number;
  count: number;
  sendPing(): void;
  onDead(): void;
  /** True while we deliberately stopped reading (stream backpressure): silence is then ours, not the peer's. */
  isPaused(): boolean;
}

export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private lastRx = Date.now();
  private unanswered = 0;

  constructor(private readonly opts: KeepaliveOptions) {}

  start(): void {
    this.stop();
    this.lastRx = Date.now();
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Anything received from the peer proves it alive. */
  received(): void {
    this.lastRx = Date.now();
    this.unanswered = 0;
  }

  private tick(): void {
    if (this.opts.isPaused()) {
      this.received();
      return;
    }
    if (Date.now() - this.lastRx < this.opts.intervalMs) return;
    if (this.unanswered >= this.opts.count) {
      this.stop();
      this.opts.onDead();
      return;
    }
    this.unanswered++;
    this.opts.sendPing();
  }
}

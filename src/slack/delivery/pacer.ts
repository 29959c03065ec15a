import type { Clock } from "../../util/clock.ts";

/**
 * One queue per channel. Slack takes about one chat.postMessage per second per channel (NOTES.md
 * "Rate limits"), so posts to a channel run one after another, spaced by `intervalMs`, while other
 * channels go at once. A post holds its channel while it waits out a 429, so the next post does not
 * walk into the same limit.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Runs `fn` alone for the channel; `fn` awaits `pace()` right before each call that posts. */
  async run<T>(channel: string, fn: (pace: () => Promise<void>) => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(channel, tail);
    await previous;
    try {
      return await fn(() => this.pace(channel));
    } finally {
      release();
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    }
  }

  private async pace(channel: string): Promise<void> {
    const last = this.lastStart.get(channel);
    const wait = last === undefined ? 0 : last + this.intervalMs - this.clock.now();
    if (wait > 0) await this.sleep(wait);
    this.lastStart.set(channel, this.clock.now());
  }
}

import type { Clock } from "../util/clock.ts";
import { DeliveryError } from "./errors.ts";

/**
 * One queue per channel. Slack takes about one chat.postMessage per second per channel (NOTES.md
 * "Rate limits"), so posts to a channel run one after another, spaced by `intervalMs`, while other
 * channels go at once. A post holds its channel while it waits out a 429, so the next post does not
 * walk into the same limit. A channel holds at most `maxWaiting` posts (running and waiting): past
 * that a post fails at once with a transient `channel_busy` instead of joining a queue that only grows.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();
  private readonly waiting = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly intervalMs: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** Runs `fn` alone for the channel; `fn` awaits `pace()` right before each call that posts. */
  async run<T>(channel: string, fn: (pace: () => Promise<void>) => Promise<T>): Promise<T> {
    const queued = this.waiting.get(channel) ?? 0;
    if (queued >= this.maxWaiting) {
      throw new DeliveryError(
        "channel_busy",
        "transient",
        `${queued} messages are already waiting to go into <#${channel}> (Slack takes about one a second); it will be tried again`,
      );
    }
    this.waiting.set(channel, queued + 1);
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
      const left = (this.waiting.get(channel) ?? 1) - 1;
      if (left > 0) this.waiting.set(channel, left);
      else this.waiting.delete(channel);
    }
  }

  private async pace(channel: string): Promise<void> {
    const last = this.lastStart.get(channel);
    const wait = last === undefined ? 0 : last + this.intervalMs - this.clock.now();
    if (wait > 0) await this.sleep(wait);
    const now = this.clock.now();
    // One entry per channel ever posted to would grow with the workspace; an entry older than the
    // interval no longer delays anything, so it can go (swept rarely, the map is small until then).
    if (this.lastStart.size >= 1_000) {
      for (const [c, at] of this.lastStart) if (now - at >= this.intervalMs) this.lastStart.delete(c);
    }
    this.lastStart.set(channel, now);
  }
}

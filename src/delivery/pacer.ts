import { DeliveryError } from "./errors.ts";

/**
 * One queue per channel. Slack takes about one chat.postMessage per second per channel (NOTES.md
 * "Rate limits"); the rate gate spaces the posts (across processes too), and this queue keeps one
 * process's posts to a channel in order, one at a time, while other channels go at once. A post holds
 * its channel while it waits out a 429, so the next post does not walk into the same limit. A channel
 * holds at most `maxWaiting` posts (running and waiting): past that a post fails at once with a
 * transient `channel_busy` instead of joining a queue that only grows.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, number>();

  constructor(private readonly maxWaiting = Number.POSITIVE_INFINITY) {}

  /** Runs `fn` alone for the channel, after the posts queued before it. */
  async run<T>(channel: string, fn: () => Promise<T>): Promise<T> {
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
      return await fn();
    } finally {
      release();
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
      const left = (this.waiting.get(channel) ?? 1) - 1;
      if (left > 0) this.waiting.set(channel, left);
      else this.waiting.delete(channel);
    }
  }
}

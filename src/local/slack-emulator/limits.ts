import type { Clock } from "../../util/clock.ts";
import type { EmulatorLimits, EmulatorRate } from "./types.ts";

const tier = (perMinute: number, burst: number): EmulatorRate => ({ perMinute, burst });
// Slack's rate-limit page: Tier 2 "occasional bursts", Tier 3 "sporadic bursts are welcome", Tier 4
// "a large request quota ... including generous burst behavior". It gives no numbers; the guess here
// is a tenth of a minute's calls for Tiers 2 and 3 and half a minute's for Tier 4.
const TIER_2 = tier(20, 2);
const TIER_3 = tier(50, 5);
const TIER_4 = tier(100, 50);

/**
 * Slack's published tiers for the methods the emulator answers (per method, per workspace), with
 * the bursts guessed above.
 * `auth.test` is "special" and not limited. `chat.postMessage` has no tier: it is limited per channel.
 */
export const SLACK_TIERS: Readonly<Record<string, EmulatorRate>> = {
  "chat.update": TIER_3,
  "chat.delete": TIER_3,
  "chat.postEphemeral": TIER_4,
  "chat.getPermalink": TIER_4,
  "conversations.history": TIER_3,
  "conversations.replies": TIER_3,
  "conversations.info": TIER_3,
  "conversations.open": TIER_3,
  "conversations.members": TIER_4,
  "files.getUploadURLExternal": TIER_4,
  "files.completeUploadExternal": TIER_4,
  "files.info": TIER_4,
  "users.info": TIER_4,
  "views.publish": TIER_4,
  "views.open": TIER_4,
  "views.update": TIER_4,
  "users.list": TIER_2,
};

/**
 * About one message a second per channel. Slack lets a short burst through; the emulator does not,
 * so a client that never sees a 429 here is well inside what Slack allows.
 */
export const CHANNEL_POSTS: EmulatorRate = { perMinute: 60, burst: 1 };

/** A token bucket: `burst` calls at once, refilled at `perMinute`. Time comes from the emulator's clock. */
class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly rate: EmulatorRate,
    now: number,
  ) {
    this.tokens = rate.burst ?? 1;
    this.at = now;
  }

  /** Refills to `now`; 0 when a call may go, else the ms until one may. */
  wait(now: number): number {
    const perMs = this.rate.perMinute / 60_000;
    this.tokens = Math.min(this.rate.burst ?? 1, this.tokens + Math.max(0, now - this.at) * perMs);
    this.at = Math.max(this.at, now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / perMs);
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Slack's limits, when the emulator is started with `limits`: per method and, for posts, per channel. */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly methods: Record<string, EmulatorRate>;
  private readonly channelPosts: EmulatorRate;

  constructor(
    private readonly clock: Clock,
    config: EmulatorLimits,
  ) {
    const methods: Record<string, EmulatorRate> = { ...SLACK_TIERS };
    for (const [m, r] of Object.entries(config.methods ?? {})) {
      if (r === null) delete methods[m];
      else methods[m] = r;
    }
    this.methods = methods;
    this.channelPosts = config.channelPosts ?? CHANNEL_POSTS;
    for (const [what, r] of [...Object.entries(methods), ["channelPosts", this.channelPosts] as const]) {
      if (!(r.perMinute > 0) || (r.burst !== undefined && !(r.burst >= 1))) {
        throw new Error(
          `emulator limit for ${what} must have perMinute > 0 and burst >= 1, got ${JSON.stringify(r)}`,
        );
      }
    }
  }

  /** Seconds to put in Retry-After when this call is over a limit, else undefined (and the call counts). */
  check(method: string, channel: unknown): number | undefined {
    const now = this.clock.now();
    const keys: Array<[string, EmulatorRate]> = [];
    const rate = this.methods[method];
    if (rate !== undefined) keys.push([method, rate]);
    if (method === "chat.postMessage" && typeof channel === "string") {
      keys.push([`chat.postMessage:${channel}`, this.channelPosts]);
    }
    const buckets = keys.map(([key, r]) => {
      let bucket = this.buckets.get(key);
      if (bucket === undefined) {
        bucket = new Bucket(r, now);
        this.buckets.set(key, bucket);
      }
      return bucket;
    });
    const waitMs = Math.max(0, ...buckets.map((b) => b.wait(now)));
    // A refused call counts against no limit, like Slack's.
    if (waitMs === 0) for (const b of buckets) b.take();
    // Slack sends whole seconds; a wait of 1 ms still says 1.
    return waitMs === 0 ? undefined : Math.max(1, Math.ceil(waitMs / 1000));
  }
}

/**
 * Slack's limits for the whole deployment (NOTES.md "Rate limits"): every Web API call first takes a
 * slot from a RateGate under a key, the method name for tiered methods and `chat.postMessage:<channel>`
 * for posts. The gate is in memory for one process (SQLite) or a table for several (PostgreSQL).
 *
 * Each key keeps one number, its theoretical arrival time (GCRA, the token bucket written as a time):
 * a call reserves the slot `max(now, tat - tolerance)` and moves tat on by one interval, so a
 * reservation is a single write that two processes cannot both win.
 */

/** One call every `intervalMs`, with up to `burst` at once after a quiet spell. */
export interface Rate {
  readonly intervalMs: number;
  readonly burst: number;
}

export interface RateGate {
  /** Reserves the next call under `key`; resolves to the ms to wait before making it (0: now). */
  reserve(key: string, rate: Rate, now: number): Promise<number>;
  /** Slack said "not before `until`" (a 429's Retry-After): no call under `key` goes earlier. */
  holdUntil(key: string, until: number, rate: Rate): Promise<void>;
}

/** How far before tat a call may still go: the burst, as time. */
export const toleranceMs = (rate: Rate): number => (Math.max(1, rate.burst) - 1) * rate.intervalMs;

/** The new tat after a reservation at `now` (pure; the database computes the same in SQL). */
export const nextTat = (tat: number | undefined, rate: Rate, now: number): number =>
  Math.max(tat ?? now, now) + rate.intervalMs;

/** The wait for a reservation that moved tat to `tat`. */
export const waitFor = (tat: number, rate: Rate, now: number): number =>
  Math.max(0, tat - rate.intervalMs - toleranceMs(rate) - now);

/** The tat that makes the next reservation go no earlier than `until`. */
export const heldTat = (until: number, rate: Rate): number => until + toleranceMs(rate);

/** One process's gate: enough when one process talks to Slack (SQLite deployments, tests). */
export class MemoryRateGate implements RateGate {
  private readonly tats = new Map<string, number>();

  async reserve(key: string, rate: Rate, now: number): Promise<number> {
    const tat = nextTat(this.tats.get(key), rate, now);
    this.tats.set(key, tat);
    // A key whose tat has passed delays nothing; sweep rarely so one entry per channel ever posted to
    // does not grow with the workspace.
    if (this.tats.size >= 1_000) for (const [k, t] of this.tats) if (t <= now) this.tats.delete(k);
    return waitFor(tat, rate, now);
  }

  async holdUntil(key: string, until: number, rate: Rate): Promise<void> {
    this.tats.set(key, Math.max(this.tats.get(key) ?? 0, heldTat(until, rate)));
  }
}

const perMinute = (n: number, burst = 1): Rate => ({ intervalMs: Math.ceil(60_000 / n), burst });

/**
 * What offer-digest allows itself: 90% of Slack's tier rates, so calls from several processes and a
 * little network jitter stay inside Slack's limits (Tier 4: 100/min, Tier 3: 50/min). The uploads
 * also take a burst of 40 after a quiet spell: Slack promises Tier 4 "a large request quota ...
 * including generous burst behavior" (its rate-limit page), and 30 people asking for a report at
 * the same moment should not wait 20 s for the 30th chart's slot. 40 stays under the 50 the emulator
 * allows (local/slack-emulator/limits.ts); a 429 beyond it still waits out Retry-After for that
 * method only. Everything else keeps a steady pace.
 */
/** Uploads that may go at once after a quiet spell (a Tier 4 burst). */
export const UPLOAD_BURST = 40;

export const SLACK_RATES: { readonly channelPost: Rate; readonly methods: Readonly<Record<string, Rate>> } = {
  // About one post a second per channel; 1100 ms leaves 100 ms for jitter between processes.
  channelPost: { intervalMs: 1100, burst: 1 },
  methods: {
    "files.getUploadURLExternal": perMinute(90, UPLOAD_BURST),
    "files.completeUploadExternal": perMinute(90, UPLOAD_BURST),
    "chat.postEphemeral": perMinute(90),
    "chat.update": perMinute(45),
    "conversations.history": perMinute(45),
    "conversations.replies": perMinute(45),
    "conversations.open": perMinute(45),
  },
};

/**
 * Slack's limits are per workspace (per token): in OAuth mode each team's calls take their slots
 * under keys of their own (`<team>|chat.postMessage:<channel>`), so one busy workspace never slows
 * another, while every process still shares them through the same gate.
 */
export function teamGate(gate: RateGate, teamId: string): RateGate {
  return {
    reserve: (key, rate, now) => gate.reserve(`${teamId}|${key}`, rate, now),
    holdUntil: (key, until, rate) => gate.holdUntil(`${teamId}|${key}`, until, rate),
  };
}

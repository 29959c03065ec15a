import type { Clock } from "../util/clock.ts";
import { type Rate, type RateGate, SLACK_RATES } from "./rate-gate.ts";

/** One key of a RateGate, as a retry loop uses it: wait for a slot before each try, hold after a 429. */
export interface Gated {
  wait(): Promise<void>;
  hold(retryAfterSeconds: number): Promise<void>;
}

export interface Limiter {
  /** A tiered Web API method; a method without a rate goes ungated. */
  method(name: string): Gated | undefined;
  /** `chat.postMessage` into one channel. */
  channel(id: string): Gated;
}

export interface LimiterRates {
  channelPost?: Rate;
  methods?: Readonly<Record<string, Rate>>;
}

export function createLimiter(
  gate: RateGate,
  clock: Clock,
  sleep: (ms: number) => Promise<void>,
  rates: LimiterRates = {},
): Limiter {
  const methods = { ...SLACK_RATES.methods, ...rates.methods };
  const channelPost = rates.channelPost ?? SLACK_RATES.channelPost;
  const gated = (key: string, rate: Rate): Gated => ({
    wait: async () => {
      const ms = await gate.reserve(key, rate, clock.now());
      if (ms > 0) await sleep(ms);
    },
    hold: (s) => gate.holdUntil(key, clock.now() + s * 1000, rate),
  });
  return {
    method: (name) => {
      const rate = methods[name];
      return rate === undefined ? undefined : gated(name, rate);
    },
    channel: (id) => gated(`chat.postMessage:${id}`, channelPost),
  };
}

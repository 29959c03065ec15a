import {
  SIM_TOKENS,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/local/placewise-simulator/index.ts";
import { PlacewiseClient } from "../../../src/placewise/client/client.ts";
import type { PlacewiseClientOptions } from "../../../src/placewise/client/options.ts";
import type { GridSeries } from "../../../src/placewise/query.ts";
import { ManualClock } from "../../../src/util/clock.ts";

/** A Wednesday noon in Oslo: 5m data reaches back to Aug 20, 1h to March. */
export const NOW = "2025-09-03T12:00:00+02:00";
export const OSLO = 1000941;
export const HELSINKI = 1000942;
export const BIG = 1000943;

/**
 * A simulator and a client on one fixed clock. The client's sleep moves that clock instead of
 * waiting, so rate-limit refills and Retry-After pass instantly and are recorded in `waits`.
 */
export async function setup(o: { sim?: SimulatorOptions; client?: Partial<PlacewiseClientOptions> } = {}) {
  const clock = new ManualClock(Date.parse(NOW));
  const sim = await startSimulator({ testHooks: true, seed: 1, clock, ...o.sim });
  const waits: number[] = [];
  const client = new PlacewiseClient({
    baseUrl: sim.url,
    userToken: SIM_TOKENS.user,
    customer: `id=${OSLO}`,
    clock,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      clock.advance(ms);
    },
    ...o.client,
  });
  return {
    clock,
    sim,
    client,
    waits,
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

export const total = (series: readonly GridSeries[]): number =>
  series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);

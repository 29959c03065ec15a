/**
 * Where numbers come from: the configured Placewise API, or the built-in simulator when no token is
 * set (contract: "Data comes from the built-in Placewise simulator unless a Placewise token is set").
 * The simulator is a real HTTP server on loopback, so the client takes the same path either way.
 */
import type { PlacewiseConfig } from "../config.ts";
import { SIM_CLUBS, SIM_TOKENS, type Simulator, startSimulator } from "../local/placewise-simulator/index.ts";
import { PlacewiseClient } from "../placewise/client/index.ts";
import { probeClubTimezone } from "../placewise/club-zone.ts";
import { type Clock, systemClock } from "../util/clock.ts";

export interface PlacewiseSource {
  readonly client: PlacewiseClient;
  /** Set when the built-in simulator serves the data. */
  readonly simulator: Simulator | null;
  /** The club zone the API reports for the default customer, when known. */
  readonly defaultClubTimezone: string | null;
  close(): Promise<void>;
}

export async function openPlacewise(
  config: PlacewiseConfig,
  opts: {
    clock?: Clock;
    seed?: number;
    latencyMs?: number;
    testHooks?: boolean;
    /** Each HTTP answer's status and tokens spent (for /metrics). */
    onResponse?: (status: number, tokens: number) => void;
  } = {},
): Promise<PlacewiseSource> {
  const clock = opts.clock ?? systemClock;
  const hook = opts.onResponse ? { onResponse: opts.onResponse } : {};
  if (!config.useSimulator) {
    const client = new PlacewiseClient({
      baseUrl: config.apiUrl,
      userToken: config.userToken,
      clientToken: config.clientToken,
      customer: config.customer,
      clock,
      ...hook,
    });
    const defaultClubTimezone = await probeClubTimezone(client, clock.now());
    return { client, simulator: null, defaultClubTimezone, close: () => client.close() };
  }
  const simulator = await startSimulator({
    seed: opts.seed ?? 1,
    clock,
    latencyMs: opts.latencyMs ?? 0,
    testHooks: opts.testHooks === true,
  });
  const club = SIM_CLUBS[0];
  const client = new PlacewiseClient({
    baseUrl: simulator.url,
    clientToken: SIM_TOKENS.client,
    customer: config.customer ?? `id=${club?.id}`,
    clock,
    ...hook,
  });
  // The first club is the default customer; another one configured is asked like the real API.
  const defaultClubTimezone =
    config.customer === null ? (club?.timezone ?? null) : await probeClubTimezone(client, clock.now());
  return {
    client,
    simulator,
    defaultClubTimezone,
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}

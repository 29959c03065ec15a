/**
 * The Placewise Reporting API simulator (`offers_usages_history`) as a real HTTP server on
 * 127.0.0.1. Deterministic per seed; time comes from the injected clock.
 */
import type { AddressInfo } from "node:net";
import { MAX_DATA_POINTS } from "../../placewise/fields.ts";
import { type Clock, systemClock } from "../../util/clock.ts";
import { SIM_CLUBS } from "./clubs.ts";
import { FaultQueue } from "./faults.ts";
import { UsageModel } from "./generator.ts";
import { RateLimiter } from "./rate-limit.ts";
import { createSimulatorServer, type ServerState } from "./server.ts";
import type { ClubInfo, Fault, Incident, RecordedRequest } from "./types.ts";

export { SIM_TOKENS } from "./auth.ts";
export { DEFAULT_CLUB_ID, SIM_CLUBS } from "./clubs.ts";
export { UsageModel } from "./generator.ts";
export { QUERY_PATH } from "./server.ts";
export type { ClubInfo, Fault, FilterNode, Incident, KnownEvent, RecordedRequest } from "./types.ts";

export interface SimulatorOptions {
  /** Default 1; same seed => same numbers. */
  seed?: number;
  /** Default 0 (random); the host is always 127.0.0.1. */
  port?: number;
  /** Data exists only before clock.now() - dataLagMinutes; the newest bucket is partial. */
  clock?: Clock;
  /** Default 15. */
  dataLagMinutes?: number;
  /** Added to every response, default 0. */
  latencyMs?: number;
  /** Per customer token bucket; default { capacity: 600, refillPerSecond: 10 }. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /** Default 1000 (the API's silent cut); tests may lower it. */
  maxDataPoints?: number;
  /** Known traffic changes for anomaly benchmarks: factor 0 outage, 0.5 drop, 3 spike. */
  incidents?: Incident[];
  /** Seeded campaign weeks and scanner outages; default true. Benchmarks may turn them off. */
  builtInEvents?: boolean;
  /**
   * Request recording, fault injection and latency changes (`requests`, `injectFault`,
   * `setLatency`, `/__admin/*`): for tests, benchmarks and the `simulator` command. Production
   * start-up (the sandbox's built-in simulator) never sets it.
   */
  testHooks?: boolean;
}

function hooksOff(): never {
  throw new Error("This simulator was started without testHooks: faults and latency cannot be changed.");
}

export interface Simulator {
  readonly url: string;
  readonly clubs: readonly ClubInfo[];
  readonly requests: RecordedRequest[];
  injectFault(f: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  resetRateLimits(): void;
  close(): Promise<void>;
  /** Data exists only before this instant (now minus the data lag). */
  dataCutoffMs(): number;
  readonly model: UsageModel;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const clock = opts.clock ?? systemClock;
  const dataLagMinutes = opts.dataLagMinutes ?? 15;
  const model = new UsageModel({
    seed: opts.seed ?? 1,
    incidents: opts.incidents ?? [],
    builtInEvents: opts.builtInEvents ?? true,
  });
  const limiter = new RateLimiter(opts.rateLimit ?? { capacity: 600, refillPerSecond: 10 }, clock);
  const state: ServerState = {
    model,
    limiter,
    now: () => clock.now(),
    dataLagMinutes,
    maxDataPoints: opts.maxDataPoints ?? MAX_DATA_POINTS,
    faults: new FaultQueue(),
    requests: [],
    latencyMs: opts.latencyMs ?? 0,
    hanging: new Set(),
    timers: new Set(),
    testHooks: opts.testHooks === true,
  };
  const server = createSimulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clubs: SIM_CLUBS,
    requests: state.requests,
    model,
    injectFault: (f) => (state.testHooks ? state.faults.add(f) : hooksOff()),
    clearFaults: () => (state.testHooks ? state.faults.clear() : hooksOff()),
    setLatency: (ms) => {
      if (!state.testHooks) hooksOff();
      state.latencyMs = ms;
    },
    resetRateLimits: () => limiter.reset(),
    dataCutoffMs: () => clock.now() - dataLagMinutes * 60_000,
    close: async () => {
      for (const t of state.timers) clearTimeout(t);
      state.timers.clear();
      for (const res of state.hanging) res.socket?.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

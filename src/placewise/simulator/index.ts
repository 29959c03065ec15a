/**
 * The Placewise Reporting API simulator (`offers_usages_history`) as a real HTTP server on
 * 127.0.0.1. Deterministic per seed; time comes from the injected clock.
 */
import type { AddressInfo } from "node:net";
import { type Clock, systemClock } from "../../util/clock.ts";
import { MAX_DATA_POINTS } from "../fields.ts";
import type { Filter } from "../query.ts";
import { SIM_CLUBS } from "./clubs.ts";
import { FaultQueue } from "./faults.ts";
import { UsageModel } from "./generator.ts";
import { RateLimiter } from "./rate-limit.ts";
import { createSimulatorServer, type ServerState } from "./server.ts";
import { knownEvents, totalOf } from "./truth.ts";
import type { ClubInfo, Fault, FilterNode, Incident, KnownEvent, RecordedRequest } from "./types.ts";

export { SIM_TOKENS } from "./auth.ts";
export { DEFAULT_CLUB_ID, SIM_CLUBS } from "./clubs.ts";
export { UsageModel } from "./generator.ts";
export { QUERY_PATH } from "./server.ts";
export { expectedTotal, knownEvents, totalOf } from "./truth.ts";
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
  /** Usages at instants in [fromMs, toMs) as this simulator sees them now (data lag applied). */
  expectedTotal(
    clubId: number,
    fromMs: number,
    toMs: number,
    filter?: FilterNode | readonly Filter[] | null,
  ): number;
  /** Campaigns, outages and injected incidents overlapping [fromMs, toMs). */
  knownEvents(clubId: number, fromMs: number, toMs: number): KnownEvent[];
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
    injectFault: (f) => state.faults.add(f),
    clearFaults: () => state.faults.clear(),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    resetRateLimits: () => limiter.reset(),
    expectedTotal: (clubId, fromMs, toMs, filter = null) =>
      totalOf(model, clubId, fromMs, toMs, filter, clock.now() - dataLagMinutes * 60_000),
    knownEvents: (clubId, fromMs, toMs) => knownEvents(model, clubId, fromMs, toMs),
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

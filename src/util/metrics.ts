/**
 * What an operator graphs, in Prometheus text at `GET /metrics`. One registry per runtime, never
 * prom-client's global one: tests start several runtimes in one process, and a metric registered
 * twice in one registry throws. Parts record through this object (AppDeps.metrics), never globally.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type DeliveryOutcome = "delivered" | "failed";
export type QueueName = "reports" | "runs" | "report_jobs";

export interface Metrics {
  readonly registry: Registry;
  /** The body of `GET /metrics`. */
  text(): Promise<string>;
  readonly contentType: string;
  /** A digest run ended; `lateSeconds` is how long after its scheduled minute it was delivered. */
  delivery(outcome: DeliveryOutcome, lateSeconds: number | null, late: boolean): void;
  /** One HTTP answer from Placewise: tokens spent (0 for a 429) and whether it was a 429. */
  placewise(status: number, tokens: number): void;
  /** One Slack Web API call and its HTTP status. */
  slack(method: string, status: number): void;
  renderSeconds(seconds: number): void;
  /** The queue's length is read when /metrics is asked, not pushed on each change. */
  watchQueue(name: QueueName, depth: () => number): void;
  /** The worker loop's last tick, in ms since the epoch (the clock's). */
  workerTick(at: number): void;
  pruned(table: "runs" | "evaluations" | "report_jobs", count: number): void;
  /** A scheduled digest made for runs due together (produced) or taken from another run (shared). */
  shared(role: "produced" | "shared"): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const on = { registers: [registry] };
  // Process basics (RSS, event-loop lag, CPU): the 512 MB container and the 3 s ack are what bite.
  collectDefaultMetrics({ register: registry, prefix: "offer_digest_" });

  const deliveries = new Counter({
    name: "offer_digest_deliveries_total",
    help: "Scheduled digest runs that ended, by outcome (delivered, failed for good).",
    labelNames: ["outcome"] as const,
    ...on,
  });
  const late = new Counter({
    name: "offer_digest_deliveries_late_total",
    help: "Digests delivered late enough to say so in the message (over 2 minutes after their time).",
    ...on,
  });
  const lateness = new Histogram({
    name: "offer_digest_delivery_lateness_seconds",
    help: "Seconds between a digest's scheduled minute and its delivery.",
    // From "on time" (a few seconds of fetch and render) to a 6 h catch-up after an outage.
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600, 21_600],
    ...on,
  });
  const pwRequests = new Counter({
    name: "offer_digest_placewise_requests_total",
    help: "HTTP requests sent to the Placewise Reporting API (each retry counts).",
    ...on,
  });
  const pwTokens = new Counter({
    name: "offer_digest_placewise_tokens_total",
    help: "Placewise rate-limit tokens spent (ratelimit-cost of each answer).",
    ...on,
  });
  const pw429 = new Counter({
    name: "offer_digest_placewise_rate_limited_total",
    help: "Placewise answers of 429 Too Many Requests.",
    ...on,
  });
  const slackCalls = new Counter({
    name: "offer_digest_slack_calls_total",
    help: "Slack Web API calls, by method.",
    labelNames: ["method"] as const,
    ...on,
  });
  const slack429 = new Counter({
    name: "offer_digest_slack_rate_limited_total",
    help: "Slack Web API answers of 429, by method.",
    labelNames: ["method"] as const,
    ...on,
  });
  const render = new Histogram({
    name: "offer_digest_render_seconds",
    help: "Time to render one digest chart (Vega-Lite to PNG).",
    // A chart takes 40-90 ms alone; seconds mean the renderer is queued behind a burst.
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ...on,
  });
  const queues = new Map<QueueName, () => number>();
  new Gauge({
    name: "offer_digest_queue_depth",
    help: "Work waiting or running: reports = ad-hoc reports admitted, runs = claimed digest runs.",
    labelNames: ["queue"] as const,
    ...on,
    collect() {
      for (const [name, depth] of queues) this.set({ queue: name }, depth());
    },
  });
  const lastTick = new Gauge({
    name: "offer_digest_worker_last_tick_seconds",
    help: "When the worker loop last ticked (Unix seconds); absent where no worker runs.",
    ...on,
  });
  const pruned = new Counter({
    name: "offer_digest_history_pruned_total",
    help: "Finished runs and evaluations deleted for being older than HISTORY_DAYS.",
    labelNames: ["table"] as const,
    ...on,
  });
  const shared = new Counter({
    name: "offer_digest_shared_digests_total",
    help: "Digests of a burst shared by runs due together with the same query, per process: made here (produced) or read from another process (shared).",
    labelNames: ["role"] as const,
    ...on,
  });

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    delivery: (outcome, lateSeconds, isLate) => {
      deliveries.inc({ outcome });
      if (outcome !== "delivered") return;
      if (isLate) late.inc();
      if (lateSeconds !== null) lateness.observe(Math.max(0, lateSeconds));
    },
    placewise: (status, tokens) => {
      pwRequests.inc();
      if (tokens > 0) pwTokens.inc(tokens);
      if (status === 429) pw429.inc();
    },
    slack: (method, status) => {
      slackCalls.inc({ method });
      if (status === 429) slack429.inc({ method });
    },
    renderSeconds: (s) => render.observe(s),
    watchQueue: (name, depth) => void queues.set(name, depth),
    workerTick: (at) => lastTick.set(at / 1000),
    pruned: (table, count) => pruned.inc({ table }, count),
    shared: (role) => shared.inc({ role }),
  };
}

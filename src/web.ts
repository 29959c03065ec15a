/**
 * The HTTP entry point: GET /healthz, /readyz and /metrics, and everything else to the Slack
 * receiver (POST /slack/events, plus the sandbox page in sandbox mode). The handler can be set after
 * listening, because the sandbox needs to know its own port before its routes exist.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A probe's answer: `checks` names each part and says "ok" or what is wrong with it. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/**
 * What the operator endpoints ask. `health` (liveness: the database answers, the worker loop ticks)
 * and `ready` (that, plus migrations applied) are asked only once the Slack app has started.
 */
export interface Probes {
  health(): Promise<ProbeResult>;
  ready(): Promise<ProbeResult>;
  readonly metrics?: { text(): Promise<string>; readonly contentType: string };
}

export interface WebServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  setHandler(listener: RequestListener): void;
  setReady(ready: boolean): void;
  setProbes(probes: Probes): void;
  /** Stops taking connections; open ones get `graceMs` to finish, then are cut. */
  close(graceMs?: number): Promise<void>;
}

export interface WebServerTimeouts {
  /** Whole request (headers and body) must arrive within this; Node's default is 300 s. */
  readonly requestTimeoutMs?: number;
  /** Headers must arrive within this; Node's default is 60 s. */
  readonly headersTimeoutMs?: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs?: number;
  /** How often Node looks for requests past those timeouts; its default of 30 s would let a 10 s limit run to 40 s. */
  readonly checkIntervalMs?: number;
}

/**
 * Slack sends a few KB and gives up after 3 s, so 10 s for a whole request leaves room for a slow
 * network while a client trickling a body is cut long before Node's 300 s default.
 */
export const DEFAULT_TIMEOUTS: Required<WebServerTimeouts> = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  // Slack's own timeouts are 3 s; keep idle sockets short so SIGTERM is not held up by keep-alive.
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** The code of Bolt's HTTPReceiverDeferredRequestError: no route of the receiver matched. */
const BOLT_UNHANDLED_PATH = "slack_bolt_http_receiver_deferred_request_error";

export async function startWebServer(
  port: number,
  host = "0.0.0.0",
  timeouts: WebServerTimeouts = {},
): Promise<WebServer> {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  let handler: RequestListener | null = null;
  let ready = false;
  let probes: Probes | null = null;
  const options = {
    requestTimeout: t.requestTimeoutMs,
    // Node requires headersTimeout <= requestTimeout.
    headersTimeout: Math.min(t.headersTimeoutMs, t.requestTimeoutMs),
    keepAliveTimeout: t.keepAliveTimeoutMs,
    connectionsCheckingInterval: t.checkIntervalMs,
  };
  const server = createServer(options, (req, res) => {
    const path = req.method === "GET" ? req.url?.split("?")[0] : undefined;
    if (path === "/healthz" || path === "/readyz") {
      void probe(path === "/healthz" ? "health" : "ready").then((r) => {
        res.writeHead(r.ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(r));
      });
      return;
    }
    if (path === "/metrics" && probes?.metrics) {
      const m = probes.metrics;
      void m.text().then(
        (body) => res.writeHead(200, { "content-type": m.contentType }).end(body),
        () => res.writeHead(500, { "content-type": "text/plain" }).end("Metrics failed."),
      );
      return;
    }
    if (handler === null) {
      res.writeHead(503, { "content-type": "text/plain" }).end("Starting up.");
      return;
    }
    try {
      handler(req, res);
    } catch (e) {
      // Bolt's HTTPReceiver throws (synchronously) for a path it does not serve and leaves the answer
      // to the server; uncaught here it would end the process, so GET /favicon.ico stopped the bot.
      const unknownPath = (e as { code?: unknown }).code === BOLT_UNHANDLED_PATH;
      if (!res.headersSent) res.writeHead(unknownPath ? 404 : 500, { "content-type": "text/plain" });
      res.end(unknownPath ? "Not found." : "Internal error.");
    }
  });
  async function probe(which: "health" | "ready"): Promise<ProbeResult> {
    if (!ready) return { ok: false, checks: { app: "starting" } };
    if (probes === null) return { ok: true, checks: { app: "ok" } };
    try {
      const r = await probes[which]();
      return { ok: r.ok, checks: { app: "ok", ...r.checks } };
    } catch (e) {
      return { ok: false, checks: { app: "ok", probe: (e as Error).message } };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://localhost:${actual}`,
    setHandler: (l) => {
      handler = l;
    },
    setReady: (r) => {
      ready = r;
    },
    setProbes: (p) => {
      probes = p;
    },
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        ready = false;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

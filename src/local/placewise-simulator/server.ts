/**
 * The simulator's HTTP server: records every API request, applies queued faults and latency, routes
 * the query endpoint and the `/__admin` endpoints (which skip faults, latency and recording).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { SIM_TOKENS } from "./auth.ts";
import { SIM_CLUBS } from "./clubs.ts";
import { type FaultQueue, parseFault } from "./faults.ts";
import { flatHeaders, parseLoose, readBody, sendJson } from "./http.ts";
import { handleQuery, type QueryContext } from "./query-handler.ts";
import type { Fault, RecordedRequest } from "./types.ts";

export const QUERY_PATH = "/v1/reporting/query";

/** A 200 whose body is cut mid-array, as a proxy dropping a connection might deliver it. */
const BROKEN_JSON =
  '{"interval": "1h", "range_timezone": "Europe/Oslo", "time_buckets": ["2025-08-27T09:00:00.000+02:00", ';

export interface ServerState extends QueryContext {
  /**
   * Off unless a test or benchmark asks: without them `/__admin/*` answers 404 and no request is
   * recorded (the sandbox's simulator runs for days; a record of every request would only grow).
   */
  readonly testHooks: boolean;
  readonly faults: FaultQueue;
  readonly requests: RecordedRequest[];
  latencyMs: number;
  /** Responses held open by hang faults; closed with the server. */
  readonly hanging: Set<ServerResponse>;
  readonly timers: Set<NodeJS.Timeout>;
}

function wait(state: ServerState, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      state.timers.delete(t);
      resolve();
    }, ms);
    state.timers.add(t);
  });
}

async function admin(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  text: string,
) {
  const body = parseLoose(text);
  if (path === "/__admin/faults" && req.method === "POST") {
    const fault = parseFault(body);
    if (typeof fault === "string") return sendJson(res, 422, { error: fault });
    state.faults.add(fault);
    return sendJson(res, 200, { ok: true, fault });
  }
  if (path === "/__admin/faults" && req.method === "DELETE") {
    state.faults.clear();
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/__admin/latency" && req.method === "POST") {
    const ms = (body as { ms?: unknown } | null)?.ms;
    if (typeof ms !== "number" || !(ms >= 0))
      return sendJson(res, 422, { error: 'send {"ms": <milliseconds, 0 or more>}' });
    state.latencyMs = ms;
    return sendJson(res, 200, { ok: true, ms });
  }
  if (path === "/__admin/clubs" && req.method === "GET")
    return sendJson(res, 200, { clubs: SIM_CLUBS, tokens: SIM_TOKENS });
  return sendJson(res, 404, { error: `No admin endpoint ${req.method} ${path}` });
}

async function applyFault(
  state: ServerState,
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
) {
  if (fault.kind === "reset") {
    req.socket.destroy();
    return;
  }
  if (fault.kind === "hang") {
    state.hanging.add(res);
    res.on("close", () => state.hanging.delete(res));
    return;
  }
  await wait(state, state.latencyMs);
  if (fault.kind === "malformed") {
    rec.status = 200;
    return sendJson(res, 200, fault.body === undefined ? BROKEN_JSON : fault.body);
  }
  const status = fault.status ?? 503;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  rec.status = status;
  sendJson(res, status, fault.body ?? { error: `Simulated fault: HTTP ${status}` }, headers);
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req);
  const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  if (path.startsWith("/__admin/")) {
    if (!state.testHooks) return sendJson(res, 404, { error: "not found" });
    return admin(state, req, res, path, text);
  }
  const headers = flatHeaders(req);
  const rec: RecordedRequest = {
    method: req.method ?? "",
    path,
    headers,
    body: parseLoose(text),
    status: 0,
    at: state.now(),
  };
  if (state.testHooks) state.requests.push(rec);
  const fault = state.faults.next();
  if (fault !== undefined) return applyFault(state, fault, req, res, rec);
  const reply =
    path === QUERY_PATH && req.method === "POST"
      ? handleQuery(state, headers, text)
      : {
          status: 404,
          body: { error: `Not found: ${req.method} ${path}; the report endpoint is POST ${QUERY_PATH}` },
          headers: {},
        };
  await wait(state, state.latencyMs);
  rec.status = reply.status;
  sendJson(res, reply.status, reply.body, reply.headers);
}

export function createSimulatorServer(state: ServerState): Server {
  return createServer((req, res) => {
    handle(state, req, res).catch((e: unknown) => {
      sendJson(res, 500, { error: `Simulator bug: ${e instanceof Error ? e.message : String(e)}` });
    });
  });
}

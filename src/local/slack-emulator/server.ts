import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "../../util/clock.ts";
import { ApiFailure, type Args } from "./args.ts";
import { parseArgs, readBody, uploadBytes } from "./body.ts";
import { FaultQueue, faultResponse } from "./faults.ts";
import { RateLimits } from "./limits.ts";
import { chatMethods } from "./methods/chat.ts";
import { conversationMethods } from "./methods/conversations.ts";
import { fileMethods, receiveUpload } from "./methods/files.ts";
import { viewMethods } from "./methods/views.ts";
import { workspaceMethods } from "./methods/workspace.ts";
import { type Tenant, Tenants } from "./oauth.ts";
import { ResponseUrls } from "./response-url.ts";
import type { Handler } from "./serialize.ts";
import type { EmulatorOptions, RecordedCall } from "./types.ts";
import { Workspace } from "./workspace.ts";

const METHODS: Record<string, Handler> = {
  ...chatMethods,
  ...conversationMethods,
  ...fileMethods,
  ...workspaceMethods,
  ...viewMethods,
};

export const DEFAULTS = {
  token: "xoxb-emulator-token",
  teamId: "T0EMULATOR",
  botUserId: "U0BOT",
  userId: "U0ALICE",
} as const;

export interface Running {
  server: Server;
  origin: string;
  ws: Workspace;
  faults: FaultQueue;
  calls: RecordedCall[];
  testHooks: boolean;
  limits: RateLimits | null;
  responseUrls: ResponseUrls;
  token: string;
  /** Every workspace of this emulator by team and by token; the first is `ws`. */
  tenants: Tenants;
}

/** Starts the HTTP server on 127.0.0.1 and wires the routes to one workspace. */
export async function listen(opts: EmulatorOptions): Promise<Running> {
  const clock = opts.clock ?? systemClock;
  const botUserId = opts.botUserId ?? DEFAULTS.botUserId;
  const channels = opts.channels ?? [
    { id: "C0GENERAL", name: "general", members: [botUserId, DEFAULTS.userId] },
    { id: "C0RANDOM", name: "random", members: [DEFAULTS.userId] },
  ];
  const users = opts.users ?? [{ id: DEFAULTS.userId, name: "alice", isAdmin: true }];
  const ws = new Workspace(clock, opts.teamId ?? DEFAULTS.teamId, botUserId, channels, users);
  const running: Running = {
    server: createServer(),
    origin: "",
    ws,
    faults: new FaultQueue(),
    calls: [],
    testHooks: opts.testHooks === true,
    limits:
      opts.limits === undefined || opts.limits === false
        ? null
        : new RateLimits(clock, opts.limits === true ? {} : opts.limits),
    responseUrls: new ResponseUrls(ws),
    token: opts.token ?? DEFAULTS.token,
    tenants: new Tenants(clock, opts.oauth === undefined ? null : { ...opts.oauth }),
  };
  running.tenants.add({ ws, name: "Emulated workspace", responseUrls: running.responseUrls }, running.token);
  running.server.on("request", (req, res) => {
    route(running, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { "content-type": "text/plain" }, `emulator error: ${String(e)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    running.server.once("error", reject);
    running.server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  running.origin = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  return running;
}

async function route(r: Running, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", r.origin);
  const body = await readBody(req);
  const path = url.pathname;
  if (path === "/oauth/v2/authorize") return r.tenants.authorize(req, url, body, res);
  let m = /^\/api\/([\w.]+)$/.exec(path);
  if (m !== null) return webApi(r, m[1] as string, req, url, body, res);
  m = /^\/upload\/v1\/(F\w+)$/.exec(path);
  if (m !== null && req.method === "POST") {
    const fault = r.faults.take("upload");
    await pause(fault?.delayMs);
    if (fault !== undefined && (fault.status !== undefined || fault.error !== undefined))
      return sendFault(res, fault);
    const out = receiveUpload(wsOfFile(r, m[1] as string), m[1] as string, await uploadBytes(req, body));
    return send(res, out.status, { "content-type": "text/plain" }, out.body);
  }
  m = /^\/files(?:-pri\/\w+-|\/)(F\w+)/.exec(path);
  if (m !== null && req.method === "GET") {
    const file = wsOfFile(r, m[1] as string).files.get(m[1] as string);
    if (file?.bytes === undefined) return send(res, 404, { "content-type": "text/plain" }, "file not found");
    const type = file.name.endsWith(".png") ? "image/png" : "application/octet-stream";
    return send(res, 200, { "content-type": type, "cache-control": "no-store" }, file.bytes);
  }
  m = /^\/response\/(\w+)$/.exec(path);
  if (m !== null && req.method === "POST") {
    let out = r.responseUrls.handle(m[1] as string, body.toString("utf8"));
    for (const t of r.tenants.byTeam.values()) {
      if (out.status !== 404 || out.body.error !== "no_service") break;
      if (t.responseUrls !== r.responseUrls)
        out = t.responseUrls.handle(m[1] as string, body.toString("utf8"));
    }
    return sendJson(res, out.status, out.body);
  }
  send(res, 404, { "content-type": "text/plain" }, `no route for ${req.method} ${path}`);
}

async function webApi(
  r: Running,
  method: string,
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  res: ServerResponse,
) {
  const call: RecordedCall = { method, args: {}, at: r.ws.clock.now(), outcome: "pending" };
  // Recorded on arrival, so a call whose answer is held back (delayMs) is already visible.
  if (r.testHooks) r.calls.push(call);
  const finish = (outcome: string) => {
    call.outcome = outcome;
    r.ws.emit("call", call);
  };
  let args: Args;
  try {
    args = await parseArgs(req, url, body);
  } catch (e) {
    finish(e instanceof ApiFailure ? e.error : "invalid_form_data");
    return sendJson(res, 200, { ok: false, error: e instanceof ApiFailure ? e.error : "invalid_form_data" });
  }
  const { token, ...rest } = args;
  call.args = rest;
  // Slack refuses an over-limit call before doing anything, so it is safe for the client to repeat.
  const retryAfter = r.limits?.check(method, args.channel);
  if (retryAfter !== undefined) {
    finish("http_429");
    return sendFault(res, { method, status: 429, retryAfterSeconds: retryAfter });
  }
  const fault = r.faults.take(method);
  const fails = fault !== undefined && (fault.status !== undefined || fault.error !== undefined);
  const outcome = fault?.status === undefined ? (fault?.error ?? "internal_error") : `http_${fault.status}`;
  if (fault !== undefined && fails && fault.mode !== "store_then_fail") {
    await pause(fault.delayMs);
    finish(outcome);
    return sendFault(res, fault);
  }
  const result = answer(r, method, req, args);
  await pause(fault?.delayMs);
  if (fault !== undefined && fails) {
    finish(outcome);
    return sendFault(res, fault);
  }
  finish(result.ok === true ? "ok" : String(result.error));
  sendJson(res, 200, result);
}

/** The workspace holding a file (the first one when none does, which then answers "not found"). */
function wsOfFile(r: Running, fileId: string): Running["ws"] {
  for (const t of r.tenants.byTeam.values()) if (t.ws.files.has(fileId)) return t.ws;
  return r.ws;
}

function answer(r: Running, method: string, req: IncomingMessage, args: Args): Record<string, unknown> {
  // The one method called without a bot token: the app's client id and secret are its credentials.
  if (method === "oauth.v2.access") return r.tenants.access(args, req.headers.authorization);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const token = bearer ?? (typeof args.token === "string" ? args.token : undefined);
  if (token === undefined) return { ok: false, error: "not_authed" };
  const tenant: Tenant | undefined = r.tenants.byToken.get(token);
  if (tenant === undefined) return { ok: false, error: "invalid_auth" };
  const handler = METHODS[method];
  if (handler === undefined) return { ok: false, error: "unknown_method" };
  try {
    return { ok: true, ...handler({ ws: tenant.ws, args, origin: r.origin }) };
  } catch (e) {
    if (e instanceof ApiFailure) return { ok: false, error: e.error, ...e.extra };
    return { ok: false, error: "internal_error", detail: String(e) };
  }
}

/** Real time on purpose: a client timeout is about the wall clock, not the emulator's clock. */
function pause(ms: number | undefined): Promise<void> {
  return ms === undefined || ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

function sendFault(res: ServerResponse, fault: Parameters<typeof faultResponse>[0]): void {
  const out = faultResponse(fault);
  send(res, out.status, out.headers, out.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, { "content-type": "application/json; charset=utf-8" }, JSON.stringify(body));
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

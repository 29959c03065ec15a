import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { createWebClient } from "../../../src/delivery/web-client.ts";
import { createSandbox, type Sandbox, type SandboxDeps } from "../../../src/local/sandbox/index.ts";
import {
  EMULATOR_DEFAULTS,
  type SlackEmulator,
  startSlackEmulator,
} from "../../../src/local/slack-emulator/index.ts";

export const SECRET = "sandbox-test-signing-secret";
export const CHANNEL = "C0GENERAL";
export const USER = EMULATOR_DEFAULTS.userId;

export interface Received {
  path: string;
  contentType: string;
  body: string;
  /** Form fields of a urlencoded body. */
  form: URLSearchParams;
}

/**
 * An honest Slack app endpoint: it verifies the v0 signature with Bolt's own verifySlackRequest and
 * answers 401 when it fails, as Bolt does; `answer` decides the reply to a verified request.
 */
export async function startSignedEndpoint(
  answer: (r: Received) => { status: number; body?: string; type?: string } = () => ({ status: 200 }),
): Promise<{ url: string; received: Received[]; rejected: number; close(): Promise<void> }> {
  const out = { received: [] as Received[], rejected: 0 };
  const server = createServer(async (req, res) => {
    const body = await text(req);
    try {
      verifySlackRequest({
        signingSecret: SECRET,
        body,
        headers: {
          "x-slack-signature": String(req.headers["x-slack-signature"] ?? ""),
          "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]),
        },
      });
    } catch {
      out.rejected += 1;
      res.writeHead(401).end();
      return;
    }
    const r: Received = {
      path: req.url ?? "",
      contentType: req.headers["content-type"] ?? "",
      body,
      form: new URLSearchParams(body),
    };
    out.received.push(r);
    const reply = answer(r);
    res.writeHead(reply.status, reply.type === undefined ? {} : { "content-type": reply.type });
    res.end(reply.body ?? "");
  });
  const port = await listen(server, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    get received() {
      return out.received;
    },
    get rejected() {
      return out.rejected;
    },
    close: () => stop(server),
  };
}

export interface SandboxServer {
  emulator: SlackEmulator;
  sandbox: Sandbox;
  /** The bot's WebClient, pointed at the emulator. */
  client: WebClient;
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** The sandbox routes served by a real Bolt HTTPReceiver (customRoutes), as the app mounts them. */
export async function startSandbox(
  eventsUrl: SandboxDeps["eventsUrl"],
  extra: Partial<SandboxDeps> = {},
  listenOn: { host?: string } = {},
): Promise<SandboxServer> {
  const emulator = await startSlackEmulator({ testHooks: true });
  const sandbox = createSandbox({
    emulator,
    signingSecret: SECRET,
    eventsUrl,
    teamId: emulator.teamId,
    channelId: CHANNEL,
    channelName: "general",
    userId: USER,
    userName: "alice",
    ...extra,
  });
  const receiver = new HTTPReceiver({ signingSecret: SECRET, customRoutes: sandbox.routes });
  const server = (await receiver.start({ port: 0, host: listenOn.host ?? "127.0.0.1" })) as Server;
  const port = (server.address() as AddressInfo).port;
  return {
    emulator,
    sandbox,
    client: createWebClient({ token: emulator.token, slackApiUrl: emulator.apiUrl }),
    origin: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await receiver.stop();
      await emulator.close();
    },
  };
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The i-th item, failing the test with what was there when it is missing. */
export function nth<T>(xs: readonly T[], i = 0): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`expected an item at ${i}; have ${JSON.stringify(xs)}`);
  return x;
}

/** A value the test needs present (a ts the Web API returned, a form field). */
export function must<T>(x: T | null | undefined, what = "value"): T {
  if (x === undefined || x === null) throw new Error(`expected a ${what}`);
  return x;
}

/**
 * The sandbox in front of a real Bolt App on one receiver, as the app runs it: the page's requests
 * come back to this server's /slack/events, and the App's Web API calls go to the emulator.
 */
export async function startSandboxWithBot(
  register: (app: App) => void,
  extra: Partial<SandboxDeps> = {},
): Promise<SandboxServer> {
  let eventsUrl = "";
  const emulator = await startSlackEmulator({ testHooks: true });
  const sandbox = createSandbox({
    emulator,
    signingSecret: SECRET,
    eventsUrl: () => eventsUrl,
    teamId: emulator.teamId,
    channelId: CHANNEL,
    channelName: "general",
    userId: USER,
    userName: "alice",
    ...extra,
  });
  const receiver = new HTTPReceiver({
    signingSecret: SECRET,
    customRoutes: sandbox.routes,
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: emulator.token,
    receiver,
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  register(app);
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  eventsUrl = `${origin}/slack/events`;
  return {
    emulator,
    sandbox,
    client: createWebClient({ token: emulator.token, slackApiUrl: emulator.apiUrl }),
    origin,
    server,
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await app.stop();
      await emulator.close();
    },
  };
}

/**
 * Slack's side of Socket Mode on loopback: `apps.connections.open` (app-level token) hands out a
 * WebSocket URL; the socket says `hello`, carries envelopes to the bot and its acks back. Every other
 * Web API method is passed through to the emulator, so one SLACK_API_URL serves both, as slack.com
 * does. The WebSocket side is a minimal RFC 6455 server (text frames, ping/pong, close), written here
 * because Node 20 ships a WebSocket client but no server.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { SlackEmulator } from "../../../src/local/slack-emulator/index.ts";

export const APP_TOKEN = "xapp-1-A0OFFERS01-1-socketmodetest";
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** Headers that belong to one connection; fetch refuses to forward them. */
const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding"]);

export interface SocketModeSlack {
  /** Use as SLACK_API_URL. */
  readonly apiUrl: string;
  /** Resolves once the bot's socket has connected and was greeted. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the bot's ack payload for it. */
  send(type: "slash_commands" | "interactive" | "events_api", payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

function frame(opcode: number, data: Buffer): Buffer {
  const len = data.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65_536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
  return Buffer.concat([head, data]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}

/** Splits complete client frames (always masked) off the front of `buf`. */
function readFrames(buf: Buffer): { frames: Array<{ opcode: number; data: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; data: Buffer }> = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const opcode = (buf[at] as number) & 0x0f;
    let len = (buf[at + 1] as number) & 0x7f;
    let pos = at + 2;
    if (len === 126) {
      if (buf.length < pos + 2) break;
      len = buf.readUInt16BE(pos);
      pos += 2;
    } else if (len === 127) {
      if (buf.length < pos + 8) break;
      len = Number(buf.readBigUInt64BE(pos));
      pos += 8;
    }
    if (buf.length < pos + 4 + len) break;
    const mask = buf.subarray(pos, pos + 4);
    const data = Buffer.from(buf.subarray(pos + 4, pos + 4 + len));
    for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) ^ (mask[i % 4] as number);
    frames.push({ opcode, data });
    at = pos + 4 + len;
  }
  return { frames, rest: buf.subarray(at) };
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startSocketModeSlack(emulator: SlackEmulator): Promise<SocketModeSlack> {
  let socket: Duplex | null = null;
  let greeted = () => {};
  const hello = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  const pending = new Map<string, (payload: unknown) => void>();
  let origin = "";

  const server: Server = createServer(async (req, res) => {
    const raw = await body(req);
    const method = /^\/api\/([\w.]+)$/.exec(req.url ?? "")?.[1];
    if (method === "apps.connections.open") {
      const ok = req.headers.authorization === `Bearer ${APP_TOKEN}`;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          ok
            ? { ok: true, url: `${origin.replace("http", "ws")}/link` }
            : { ok: false, error: "invalid_auth" },
        ),
      );
      return;
    }
    // Everything else is the emulator's, headers and body as sent.
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && !HOP_BY_HOP.has(k)) headers[k] = v;
    const answer = await fetch(
      `${emulator.apiUrl}${method ?? ""}${req.url?.includes("?") ? req.url.slice(req.url.indexOf("?")) : ""}`,
      {
        method: req.method ?? "POST",
        headers,
        ...(raw.length > 0 ? { body: raw } : {}),
      },
    );
    const out = Buffer.from(await answer.arrayBuffer());
    const type = answer.headers.get("content-type");
    res.writeHead(answer.status, type === null ? {} : { "content-type": type });
    res.end(out);
  });

  server.on("upgrade", (req, sock: Duplex) => {
    const key = req.headers["sec-websocket-key"];
    if (req.url !== "/link" || typeof key !== "string") {
      sock.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    const accept = createHash("sha1")
      .update(key + WS_GUID)
      .digest("base64");
    sock.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket = sock;
    let buffered: Buffer = Buffer.alloc(0);
    sock.on("data", (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buffered, chunk]));
      buffered = rest;
      for (const f of frames) {
        if (f.opcode === 0x9) sock.write(frame(0xa, f.data));
        else if (f.opcode === 0x8) {
          sock.end(frame(0x8, f.data.subarray(0, 2)));
          socket = null;
        } else if (f.opcode === 0x1) {
          const msg = JSON.parse(f.data.toString("utf8")) as { envelope_id?: string; payload?: unknown };
          if (msg.envelope_id !== undefined) pending.get(msg.envelope_id)?.(msg.payload ?? {});
        }
      }
    });
    sock.on("error", () => {});
    sock.write(
      frame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: "hello",
            num_connections: 1,
            debug_info: { host: "loopback" },
            connection_info: { app_id: "A0OFFERS01" },
          }),
        ),
      ),
    );
    greeted();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/api/`,
    connected: () => hello,
    send: (type, payload) =>
      new Promise((resolve, reject) => {
        if (socket === null) return reject(new Error("the bot has no Socket Mode connection"));
        const id = randomBytes(8).toString("hex");
        pending.set(id, (p) => {
          pending.delete(id);
          resolve(p);
        });
        const envelope = {
          envelope_id: id,
          type,
          accepts_response_payload: type !== "events_api",
          payload,
          retry_attempt: 0,
          retry_reason: "",
        };
        socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The guard in front of Bolt's POST /slack/events. Order matters, cheapest refusal first:
 * 1. signature headers present, well formed and fresh, before the body is read (401 at once; the
 *    connection is closed, so an unsigned client cannot make us buffer its body);
 * 2. a declared body over the limit: 413 at once; a body growing past it: 413 and the socket is cut;
 * 3. the HMAC over the buffered body (401);
 * 4. a (timestamp, signature) pair already seen in its 5-minute window: 200 with an empty body, so
 *    a replay runs nothing and tells nothing, and no sender is invited to retry;
 * 5. a body that does not parse to a JSON object (400), because Bolt crashes on those.
 * Only then does Bolt get the request, with the body it would have read attached as `rawBody`, the
 * one way its HTTPReceiver accepts an already-read body. Bolt still checks the signature itself.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import type { Logger } from "../../util/log.ts";
import { BodyTooLargeError, declaredLength, readLimitedBody } from "./body.ts";
import { checkSignatureHeaders } from "./headers.ts";
import { payloadProblem } from "./payload.ts";
import { ReplayGuard } from "./replay.ts";
import { signatureMatches } from "./signature.ts";

/** Slack's payloads are a few KB; a full modal submission stays well under 100 KB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Slack's `ssl_check=1&token=…` is about 42 bytes and unsigned (bolt-js issue #1397). */
const SSL_CHECK_MAX_BYTES = 256;

export interface EdgeOptions {
  readonly signingSecret: string;
  /** Path of the Slack endpoint; every other request passes straight through. */
  readonly path: string;
  readonly bodyLimit?: number;
  readonly maxAgeSeconds?: number;
  readonly maxFutureSeconds?: number;
  readonly replayCap?: number;
  /** Wall-clock ms. Signatures are stamped by Slack's clock and Bolt checks them with Date.now too. */
  readonly now?: () => number;
  readonly log: Logger;
}

/** Answers and closes the connection, so the unread rest of a body is never read. */
function refuse(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.shouldKeepAlive = false;
  res.writeHead(status, { "content-type": "text/plain", connection: "close" }).end(text);
}

function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === "application/x-www-form-urlencoded" && parse(raw.toString()).ssl_check === "1";
}

export function slackEdge(inner: RequestListener, opts: EdgeOptions): RequestListener {
  const now = opts.now ?? (() => Date.now());
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const window = { maxAgeSeconds: opts.maxAgeSeconds ?? 300, maxFutureSeconds: opts.maxFutureSeconds ?? 60 };
  const replays = new ReplayGuard({
    windowSeconds: window.maxAgeSeconds,
    maxEntries: opts.replayCap ?? 10_000,
    now,
  });
  const { log } = opts;

  const read = async (req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer | null> => {
    try {
      return await readLimitedBody(req, max);
    } catch (e) {
      if (e instanceof BodyTooLargeError) refuse(res, 413, `Request body is larger than ${max} bytes.`);
      else res.destroy();
      return null;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const contentType = req.headers["content-type"];
    const length = declaredLength(req);
    const verdict = checkSignatureHeaders(req.headers, now(), window);
    if (!verdict.ok) {
      // Slack's SSL check is the one unsigned request; a tiny declared body is all it may bring.
      const maybeSslCheck =
        req.headers["x-slack-signature"] === undefined && length !== null && length <= SSL_CHECK_MAX_BYTES;
      const raw = maybeSslCheck ? await read(req, res, SSL_CHECK_MAX_BYTES) : null;
      if (raw !== null && isSslCheck(raw, contentType)) {
        res.writeHead(200).end();
        return;
      }
      if (maybeSslCheck && raw === null) return;
      log.warn("slack request refused before its body", { reason: verdict.reason });
      refuse(res, 401, `Not signed by Slack: ${verdict.reason}.`);
      return;
    }
    if (length !== null && length > limit) {
      refuse(res, 413, `Request body is larger than ${limit} bytes.`);
      return;
    }
    const raw = await read(req, res, limit);
    if (raw === null) return;
    if (!signatureMatches(opts.signingSecret, verdict.timestamp, verdict.signature, raw)) {
      log.warn("slack request refused", { reason: "signature does not match the body" });
      refuse(res, 401, "Not signed by Slack: the signature does not match the body.");
      return;
    }
    if (!replays.firstTime(verdict.timestamp, verdict.signature)) {
      log.warn("slack request dropped: the same signed request was already received", {
        timestamp: verdict.timestamp,
        retry: req.headers["x-slack-retry-num"] ?? "none",
      });
      res.writeHead(200).end();
      return;
    }
    const problem = payloadProblem(raw, contentType);
    if (problem !== null) {
      log.warn("slack request refused", { reason: problem });
      res.writeHead(400, { "content-type": "text/plain" }).end(`Bad request: ${problem}.`);
      return;
    }
    // Bolt's bufferIncomingMessage uses a Buffer `rawBody` as the body instead of reading the stream.
    Object.assign(req, { rawBody: raw });
    inner(req, res);
  };

  return (req, res) => {
    // The same routing test as Bolt's (URL pathname, upper-cased method), so no spelling of the path
    // reaches Bolt's endpoint without passing here.
    let path: string | null = null;
    try {
      path = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      // Bolt fails on this URL too; web.ts answers it.
    }
    if (req.method?.toUpperCase() !== "POST" || path !== opts.path) {
      inner(req, res);
      return;
    }
    handle(req, res).catch((e: unknown) => {
      log.error("slack request failed at the edge", { error: e as Error });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

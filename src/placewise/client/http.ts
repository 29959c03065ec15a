import { Pool } from "undici";
import { PlacewiseError } from "../errors.ts";

/** What one HTTP attempt returned; any status, the client decides what it means. */
export interface HttpAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
}

export interface TransportOptions {
  readonly connectMs: number;
  /** Applies to the wait for headers and to each gap between body chunks. */
  readonly bodyMs: number;
  readonly connections?: number;
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/**
 * Keep-alive connections to one Placewise origin (undici Pool). Network failures become
 * `unavailable` or `timeout` errors with the cause attached; an abort rethrows the signal's reason
 * so the caller's deadline error wins.
 */
export class HttpTransport {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    baseUrl: string,
    private readonly opts: TransportOptions,
  ) {
    const url = new URL(baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.pool = new Pool(url.origin, {
      connections: opts.connections ?? 8,
      connect: { timeout: opts.connectMs },
      headersTimeout: opts.bodyMs,
      bodyTimeout: opts.bodyMs,
      // Queries of one digest come seconds apart; 30 s keeps the TLS session for the next one.
      keepAliveTimeout: 30_000,
    });
  }

  async post(
    path: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    try {
      const res = await this.pool.request({
        method: "POST",
        path: this.basePath + path,
        headers,
        body,
        signal,
      });
      const text = await res.body.text();
      const out: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(res.headers))
        out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
      return { status: res.statusCode, headers: out, text };
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && TIMEOUT_CODES.has(code)) {
        const what =
          code === "UND_ERR_CONNECT_TIMEOUT"
            ? `connect within ${this.opts.connectMs} ms`
            : `answer within ${this.opts.bodyMs} ms`;
        throw new PlacewiseError("timeout", `Placewise did not ${what}.`, { cause: e });
      }
      throw new PlacewiseError(
        "unavailable",
        `Could not reach Placewise: ${(e as Error).message ?? String(e)}. Check PLACEWISE_API_URL and the network.`,
        { cause: e },
      );
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

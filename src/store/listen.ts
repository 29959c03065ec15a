/**
 * LISTEN on PostgreSQL with its own connection (a pooled one would be handed to other queries): a
 * NOTIFY on `channel` calls `onWake`. The connection is kept: when it fails (server restart, network
 * cut) it is opened again with a growing pause (1 s … 10 s), and every (re)connect calls `onWake`
 * once too, since notifications sent while it was away are lost. Never throws and never crashes the
 * process: a connection error is logged and retried. Callers poll as well; this only makes it prompt.
 */
import pg from "pg";
import { redactUrlsIn } from "../util/redact.ts";

export interface Listening {
  /** True while the LISTEN connection is up. */
  connected(): boolean;
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly url: string;
  readonly channel: string;
  readonly onWake: () => void;
  readonly warn: (message: string) => void;
  /** First pause before reconnecting (ms); doubled up to maxRetryMs. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export function listen(opts: ListenOptions): Listening {
  const first = opts.retryMs ?? 1_000;
  const most = opts.maxRetryMs ?? 10_000;
  let pause = first;
  let closed = false;
  let client: pg.Client | null = null;
  let up = false;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    if (closed || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, pause);
    timer.unref();
    pause = Math.min(most, pause * 2);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url, application_name: "offer-digest-listen" });
    client = c;
    let failed = false;
    const lost = (why: string) => {
      if (failed) return;
      failed = true;
      up = false;
      if (closed) return;
      opts.warn(`job notifications lost (${redactUrlsIn(why)}); reconnecting`);
      void c.end().catch(() => {});
      retry();
    };
    // Without these an error on the idle connection is an unhandled 'error' event: a crash.
    c.on("error", (e) => lost(e.message));
    c.on("end", () => lost("connection ended"));
    c.on("notification", (n) => {
      if (n.channel === opts.channel) opts.onWake();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(opts.channel)}`);
    } catch (e) {
      lost((e as Error).message);
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    up = true;
    pause = first;
    opts.onWake();
  };

  void connect();
  return {
    connected: () => up,
    close: async () => {
      closed = true;
      up = false;
      if (timer !== null) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

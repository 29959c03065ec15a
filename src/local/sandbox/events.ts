import type { ServerResponse } from "node:http";
import type { SlackEmulator } from "../slack-emulator/index.ts";
import { type Place, placeOf } from "./dm.ts";
import { homeView, pageMessage, pageModal, type ViewScope } from "./view.ts";

/**
 * Proxies and idle timeouts drop a silent stream; a comment line every 15 s keeps it open and lets
 * the server notice a gone browser. The browser reconnects 2 s after a drop and then reloads state.
 */
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;

type MessageEvent = "message" | "ephemeral" | "update" | "delete";

/**
 * The channel's events keep their plain names; the DM's carry a `dm-` prefix, so a page that knows
 * only the channel (or a test) never mistakes a DM for a channel message.
 */
export type PageEventName = MessageEvent | `dm-${MessageEvent}` | "home" | "modal";

function named(place: Place, event: MessageEvent): PageEventName {
  return place === "dm" ? `dm-${event}` : event;
}

/** Server-sent events for the page: the emulator's changes the sandbox person can see. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly unsubscribe: Array<() => void>;

  constructor(emulator: SlackEmulator, scope: ViewScope) {
    const where = (m: Parameters<typeof placeOf>[2]) => placeOf(scope, emulator, m);
    this.unsubscribe = [
      emulator.on("message", (m) => {
        const place = where(m);
        if (place === null) return;
        this.broadcast(named(place, m.ephemeral ? "ephemeral" : "message"), pageMessage(scope, emulator, m));
      }),
      emulator.on("update", (m) => {
        const place = where(m);
        if (place !== null) this.broadcast(named(place, "update"), pageMessage(scope, emulator, m));
      }),
      emulator.on("delete", (d) => {
        // Only stored (non-ephemeral) messages are ever deleted.
        const place = where({ channel: d.channel, ephemeral: false });
        if (place !== null) this.broadcast(named(place, "delete"), { ts: d.ts });
      }),
      emulator.on("view", (v) => {
        if (v.user === scope.userId) this.broadcast("home", homeView(v));
      }),
      // A modal opened, redrawn or closed (the sandbox has one person: every modal is theirs).
      emulator.on("modal", (m) => this.broadcast("modal", pageModal(m))),
    ];
  }

  get size(): number {
    return this.open.size;
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      // Stops a buffering proxy (nginx) from holding events back.
      "x-accel-buffering": "no",
    });
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    this.open.add(res);
    const beat = setInterval(() => res.write(": heartbeat\n\n"), HEARTBEAT_MS);
    beat.unref();
    res.on("close", () => {
      clearInterval(beat);
      this.open.delete(res);
    });
  }

  broadcast(event: PageEventName, data: unknown): void {
    // JSON.stringify never emits a raw newline, so one data line is always one event field.
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.open) res.write(frame);
  }

  /** Ends every stream and stops listening to the emulator (server shutdown, test teardown). */
  close(): void {
    for (const stop of this.unsubscribe) stop();
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

/**
 * What the process does with an error nobody caught. Node 20 ends the process on both kinds; for a
 * server shared by a whole workspace that turned one bad request into an outage for everyone.
 *
 * - An unhandled rejection is a promise nobody awaited: the code that failed has already unwound
 *   through its own async frames, and no synchronous update was cut half-way by it. Log and go on.
 * - An uncaught exception was thrown from a callback, possibly half-way through changing shared
 *   state; going on could serve wrong answers or lose runs. Only errors known to belong to one
 *   connection (the peer hung up, a write after the end) are safe to log and ignore; anything else is
 *   logged and the process exits 1, so the supervisor (Procfile, systemd, the platform) restarts it
 *   cleanly, and scheduled runs are claimed again from the database.
 */
import type { Logger } from "../util/log.ts";

/** Error codes that concern one socket or one response, never shared state. */
const SAFE_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ERR_STREAM_DESTROYED",
  "ERR_STREAM_WRITE_AFTER_END",
  "ERR_STREAM_PREMATURE_CLOSE",
  "ERR_HTTP_HEADERS_SENT",
]);

export function isKnownSafe(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && SAFE_CODES.has(code);
}

/**
 * Name, code, message and the frame that threw; not the error's own fields, which may carry a
 * request's data or a client's options with a token in them.
 */
function describe(e: unknown): Record<string, unknown> {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const at = e.stack
      ?.split("\n")
      .find((l) => l.trimStart().startsWith("at "))
      ?.trim();
    return {
      error: `${e.name}: ${e.message}`,
      ...(typeof code === "string" ? { code } : {}),
      ...(at === undefined ? {} : { at }),
    };
  }
  return { error: `non-error value of type ${e === null ? "null" : typeof e}` };
}

export interface CrashPolicy {
  /** Removes the handlers (tests). */
  uninstall(): void;
}

export function installCrashPolicy(
  log: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): CrashPolicy {
  const onRejection = (reason: unknown) => {
    log.error("unhandled promise rejection; still serving", describe(reason));
  };
  const onException = (e: unknown) => {
    if (isKnownSafe(e)) {
      log.warn("uncaught connection error; still serving", describe(e));
      return;
    }
    log.error("uncaught exception; exiting so the process is restarted clean", describe(e));
    exit(1);
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    uninstall: () => {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}

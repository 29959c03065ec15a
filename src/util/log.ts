/**
 * The structured logger: pino underneath, one JSON object a line (`{"level","time","msg",...fields}`)
 * or, with LOG_FORMAT=pretty, a human line `time level msg key=value ...` (log-pretty.ts). Callers
 * pass only what is safe to print; configuration goes through describeConfig, which hides secrets.
 */
import { pino } from "pino";
import { prettyLine } from "./log-pretty.ts";
import { redactTokensIn, redactUrlsIn } from "./redact.ts";

export type Level = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "pretty";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line carries `bindings` too (a run id, a rule id). */
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * An Error becomes its message: pino would print `{}` for an Error outside `err`, and its stack or
 * own fields may carry a request's data or a client's options with a token in them.
 */
function plain(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (fields === undefined) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = v instanceof Error ? v.message : v;
  return out;
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, fields) => p.debug(plain(fields), msg),
    info: (msg, fields) => p.info(plain(fields), msg),
    warn: (msg, fields) => p.warn(plain(fields), msg),
    error: (msg, fields) => p.error(plain(fields), msg),
    child: (bindings) => wrap(p.child(plain(bindings))),
  };
}

export function createLogger(
  minLevel: Level = "info",
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  format: LogFormat = "json",
): Logger {
  // A plain object with write() keeps pino synchronous: the line is out before process.exit, which
  // the crash policy calls right after logging (a worker-thread transport could lose it).
  const destination = {
    write(chunk: string) {
      // Last line of defence, on the finished line: an error from a library may quote a configured
      // URL with its password. redactUrlsIn stops a URL at a quote, so the JSON stays valid.
      // Slack tokens too: OAuth mode holds one per workspace.
      const line = redactTokensIn(redactUrlsIn(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk));
      write(format === "pretty" ? prettyLine(line) : line);
    },
  };
  const p = pino(
    {
      level: minLevel,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(p);
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

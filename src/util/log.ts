/**
 * A small structured logger: one line per event, `level message key=value ...`. Callers pass only
 * what is safe to print; configuration goes through describeConfig, which hides secrets.
 */
import { redactUrlsIn } from "./redact.ts";

export type Level = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function format(fields: Record<string, unknown> | undefined): string {
  if (fields === undefined) return "";
  const parts = Object.entries(fields).map(([k, v]) => {
    const s = v instanceof Error ? v.message : typeof v === "string" ? v : JSON.stringify(v);
    return `${k}=${/\s/.test(s ?? "") ? JSON.stringify(s) : s}`;
  });
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

export function createLogger(
  minLevel: Level = "info",
  write: (line: string) => void = (l) => console.log(l),
): Logger {
  const at = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
    // Last line of defence: an error from a library may quote a configured URL with its password.
    if (ORDER[level] >= ORDER[minLevel]) write(redactUrlsIn(`${level.padEnd(5)} ${msg}${format(fields)}`));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = createLogger("error", () => {});

/**
 * LOG_FORMAT=pretty: a pino JSON line as `12:00:00.000 info  msg key=value ...` for a person at a
 * terminal. Written here rather than taken from pino-pretty: this is a dozen lines, while
 * pino-pretty brings a dozen packages into production for the sandbox's console alone.
 */

const OWN = new Set(["level", "time", "msg"]);

function value(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /\s/.test(s ?? "") ? JSON.stringify(s) : String(s);
}

export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof o.time === "string" ? o.time.slice(11, 23) : "";
  const fields = Object.entries(o)
    .filter(([k]) => !OWN.has(k))
    .map(([k, v]) => ` ${k}=${value(v)}`)
    .join("");
  return `${time} ${String(o.level).padEnd(5)} ${String(o.msg ?? "")}${fields}`;
}

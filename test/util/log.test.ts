import { describe, expect, it } from "vitest";
import { createLogger, type LogFormat } from "../../src/util/log.ts";

function capture(level: "debug" | "info" = "info", format: LogFormat = "json") {
  const lines: string[] = [];
  return { lines, log: createLogger(level, (l) => lines.push(l), format) };
}

describe("logs", () => {
  it("are one JSON object a line with level, time, msg and the fields", () => {
    const { lines, log } = capture();
    log.info("digest delivered", { sub: 12, late: false, at: "2025-08-27T08:00:00.000Z" });
    log.warn("two\nlines stay one", { attempt: 2 });
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).not.toContain("\n");
    const first = JSON.parse(lines[0] as string);
    expect(first).toMatchObject({ level: "info", msg: "digest delivered", sub: 12, late: false });
    expect(Date.parse(first.time)).not.toBeNaN();
    expect(JSON.parse(lines[1] as string)).toMatchObject({
      level: "warn",
      msg: "two\nlines stay one",
      attempt: 2,
    });
  });

  it("carry a child's fields (the run id) on every line", () => {
    const { lines, log } = capture();
    const run = log.child({ run: 41, sub: 7 });
    run.info("digest delivered");
    run.child({ attempt: 2 }).warn("digest attempt failed");
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ run: 41, sub: 7, msg: "digest delivered" }),
      expect.objectContaining({ run: 41, sub: 7, attempt: 2, level: "warn" }),
    ]);
  });

  it("print an Error as its message, without its stack or own fields", () => {
    const { lines, log } = capture();
    const e = Object.assign(new Error("connect ECONNREFUSED"), { config: { token: "xoxb-secret" } });
    log.error("tick failed", { error: e });
    expect(JSON.parse(lines[0] as string).error).toBe("connect ECONNREFUSED");
    expect(lines[0]).not.toContain("xoxb-secret");
  });

  it("hide the password of every URL in the message and the fields, and stay valid JSON", () => {
    const { lines, log } = capture();
    log.error("Cannot connect to postgres://bob:hunter2@db:5432/x", {
      error: new Error("getaddrinfo for http://u:pw0rd@host/path failed"),
      url: "postgresql://db/x?password=s3cret",
    });
    const o = JSON.parse(lines[0] as string);
    expect(o.msg).toBe("Cannot connect to postgres://bob:***@db:5432/x");
    expect(o.error).toBe("getaddrinfo for http://u:***@host/path failed");
    expect(o.url).toBe("postgresql://db/x?password=***");
    for (const s of ["hunter2", "pw0rd", "s3cret"]) expect(lines[0]).not.toContain(s);
  });

  it("leave out lines below LOG_LEVEL", () => {
    const { lines, log } = capture("info");
    log.debug("noise");
    log.info("kept");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["kept"]);
  });

  it("with LOG_FORMAT=pretty are human lines: time, level, message, key=value, still redacted", () => {
    const { lines, log } = capture("info", "pretty");
    log.child({ run: 3 }).warn("digest attempt failed", {
      error: "Slack said ratelimited",
      db: "postgres://a:hunter2@h/x",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} warn {2}digest attempt failed run=3 error="Slack said ratelimited" db=postgres:\/\/a:\*\*\*@h\/x$/,
    );
  });
});

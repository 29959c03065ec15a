import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, parseConfig } from "../src/config.ts";
import { openDatabase } from "../src/store/db.ts";

const fails = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("configuration", () => {
  it("has the contract's defaults: sandbox, simulator, SQLite, Oslo, 5 min, 6 h", () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe("info");
    expect(c.slack.mode).toBe("sandbox");
    expect(c.slack.apiUrl).toBe("https://slack.com/api/");
    expect(c.placewise).toMatchObject({ apiUrl: "https://api.mpc.placewise.com", useSimulator: true });
    expect(c.databaseUrl).toBe("file:./data/offer-digest.sqlite");
    expect(c.schedule).toEqual({ defaultTimezone: "Europe/Oslo", minScheduleMinutes: 5, catchUpHours: 6 });
  });

  it("chooses HTTP or Socket Mode from the Slack tokens", () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack.mode).toBe("http");
    expect(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack.mode).toBe("socket");
  });

  it("stops on a bad value with one line naming the variable, the value and what is expected", () => {
    expect(fails({ LOG_LEVEL: "loud" })).toBe(
      'LOG_LEVEL: "loud" is not valid: expected one of debug, info, warn, error.',
    );
    expect(fails({ PORT: "eighty" })).toBe(
      'PORT: "eighty" is not valid: expected a whole number from 0 to 65535.',
    );
    expect(fails({ DEFAULT_TIMEZONE: "Oslo" })).toMatch(/^DEFAULT_TIMEZONE: "Oslo" is not an IANA time zone/);
    expect(fails({ MIN_SCHEDULE_MINUTES: "0" })).toMatch(/^MIN_SCHEDULE_MINUTES: "0"/);
    expect(fails({ CATCH_UP_HOURS: "-1" })).toMatch(/^CATCH_UP_HOURS/);
    expect(fails({ PLACEWISE_CUSTOMER: "1000941" })).toMatch(/expected id=1000941/);
    expect(fails({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(/^SLACK_SIGNING_SECRET: is required/);
    expect(fails({ SLACK_API_URL: "ftp://x" })).toMatch(/^SLACK_API_URL/);
  });

  it("limits ad-hoc reports to 4 at once and 50 waiting unless REPORT_CONCURRENCY / REPORT_QUEUE say otherwise", () => {
    expect(parseConfig({}).reports).toEqual({ concurrency: 4, queue: 50, handOff: "auto" });
    expect(parseConfig({ REPORT_CONCURRENCY: "1", REPORT_QUEUE: "0" }).reports).toEqual({
      concurrency: 1,
      queue: 0,
      handOff: "auto",
    });
    expect(fails({ REPORT_CONCURRENCY: "0" })).toBe(
      'REPORT_CONCURRENCY: "0" is not valid: expected a whole number from 1 to 64.',
    );
    expect(fails({ REPORT_QUEUE: "lots" })).toBe(
      'REPORT_QUEUE: "lots" is not valid: expected a whole number from 0 to 10000.',
    );
  });

  it("hands reports from web to the workers unless REPORT_HANDOFF=off", () => {
    expect(parseConfig({ REPORT_HANDOFF: "off" }).reports.handOff).toBe("off");
    expect(parseConfig({ REPORT_HANDOFF: " Auto " }).reports.handOff).toBe("auto");
    expect(fails({ REPORT_HANDOFF: "yes" })).toBe(
      'REPORT_HANDOFF: "yes" is not valid: expected auto or off.',
    );
  });

  it("keeps 90 days of history and logs JSON unless HISTORY_DAYS / LOG_FORMAT say otherwise", () => {
    expect(parseConfig({})).toMatchObject({ historyDays: 90, logFormat: "json" });
    expect(parseConfig({ HISTORY_DAYS: "7", LOG_FORMAT: "pretty" })).toMatchObject({
      historyDays: 7,
      logFormat: "pretty",
    });
    expect(fails({ HISTORY_DAYS: "0" })).toBe(
      'HISTORY_DAYS: "0" is not valid: expected a whole number from 1 to 3650.',
    );
    expect(fails({ HISTORY_DAYS: "3 months" })).toMatch(/^HISTORY_DAYS: "3 months" is not valid/);
    expect(fails({ LOG_FORMAT: "text" })).toBe('LOG_FORMAT: "text" is not valid: expected json or pretty.');
  });

  it("renders charts on one thread per core unless RENDER_THREADS says otherwise (0: on the main thread)", () => {
    expect(parseConfig({}, { cores: 2 }).charts).toEqual({ renderThreads: 2 });
    expect(parseConfig({}, { cores: 8 }).charts).toEqual({ renderThreads: 8 });
    expect(parseConfig({ RENDER_THREADS: "0" }, { cores: 2 }).charts).toEqual({ renderThreads: 0 });
    expect(parseConfig({ RENDER_THREADS: "3" }, { cores: 2 }).charts).toEqual({ renderThreads: 3 });
    expect(fails({ RENDER_THREADS: "33" })).toBe(
      'RENDER_THREADS: "33" is not valid: expected a whole number from 0 to 32.',
    );
    expect(fails({ RENDER_THREADS: "two" })).toBe(
      'RENDER_THREADS: "two" is not valid: expected a whole number from 0 to 32.',
    );
  });

  it("never puts a secret into a message or the start-up summary", () => {
    expect(fails({ SLACK_BOT_TOKEN: "xoxp-secret-value" })).not.toContain("secret-value");
    expect(fails({ DATABASE_URL: "mysql://u:hunter2@h/db" })).not.toContain("hunter2");
    const c = parseConfig({
      DATABASE_URL: "postgres://app:hunter2@db:5432/x",
      PLACEWISE_USER_TOKEN: "tok-123",
      SLACK_BOT_TOKEN: "xoxb-abc",
      SLACK_SIGNING_SECRET: "sig",
    });
    const line = describeConfig(c);
    for (const s of ["hunter2", "tok-123", "xoxb-abc", "sig"]) expect(line).not.toContain(s);
  });
});

describe("configuration and database errors hide every form of password", () => {
  it.each([
    ["postgres://bob:p/ssw0rd@127.0.0.1:1/db", "ssw0rd"],
    ["postgres://bob:p@ssw0rd@127.0.0.1:1/db", "ssw0rd"],
    ["postgresql://127.0.0.1:1/db?password=hunter2", "hunter2"],
    ["postgres://app@127.0.0.1:1/db?sslpassword=k3ypass", "k3ypass"],
  ])("DATABASE_URL=%s in the start-up summary and the connection failure", async (url, secret) => {
    const c = parseConfig({
      DATABASE_URL: url,
      PLACEWISE_API_URL: "http://user:pw0rd@h",
      PLACEWISE_USER_TOKEN: "t",
    });
    const line = describeConfig(c);
    expect(line).toContain("Placewise http://user:***@h, database postgres");
    expect(line).not.toContain(secret);
    expect(line).not.toContain("pw0rd");
    // Nothing listens on loopback port 1: the connection is refused at once.
    const failure = await openDatabase(c.databaseUrl).then(
      () => "opened",
      (e: Error) => e.message,
    );
    expect(failure).toMatch(/^Cannot connect to postgres(ql)?:\/\/.*127\.0\.0\.1:1/);
    expect(failure).not.toContain(secret);
  });

  it("a URL that is not http(s) is refused without its password", () => {
    expect(fails({ SLACK_API_URL: "ftp://u:hunter2@h" })).toBe(
      'SLACK_API_URL: "ftp://u:***@h" must start with http:// or https://.',
    );
    expect(fails({ PLACEWISE_API_URL: "http://u:hunter2@h:port" })).toBe(
      'PLACEWISE_API_URL: "http://***@h:port" is not a URL: expected something like https://api.mpc.placewise.com.',
    );
  });
});

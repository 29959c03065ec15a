/**
 * The one place that reads configuration. `parseConfig(env)` is pure: give it an environment, get a
 * typed Config or a ConfigError whose message is one line naming the variable, the value (never for
 * secrets) and what is expected. Everything else receives slices of the result.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { IANAZone } from "luxon";
import { isLang, LANGUAGES, type Lang } from "./i18n/index.ts";
import { CodedError } from "./util/errors.ts";
import { redactUrl } from "./util/redact.ts";

export interface SlackConfig {
  /**
   * sandbox: no credentials, the local Slack page; http: Events API over HTTP; socket: Socket Mode;
   * oauth: "Add to Slack" for many workspaces (SLACK_CLIENT_ID/SECRET/STATE_SECRET, no bot token).
   */
  readonly mode: "sandbox" | "http" | "socket" | "oauth";
  readonly botToken: string | null;
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  readonly apiUrl: string;
  /** Set in oauth mode: the installer's settings and the keys that seal tokens at rest. */
  readonly oauth?: OAuthConfig;
}

export interface OAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  /** ENCRYPTION_KEY: 32 bytes. */
  readonly encryptionKey: Buffer;
  /** ENCRYPTION_KEY_OLD: still opens values while they are re-encrypted with the new key. */
  readonly encryptionKeyOld: Buffer | null;
  /** Where Slack's "Allow" page lives: SLACK_AUTHORIZE_URL, default Slack's own (tests: the emulator). */
  readonly authorizeUrl: string;
}

export interface PlacewiseConfig {
  readonly apiUrl: string;
  readonly userToken: string | null;
  readonly clientToken: string | null;
  readonly customer: string | null;
  /** No token configured: use the built-in simulator instead of the real API. */
  readonly useSimulator: boolean;
}

export interface ScheduleConfig {
  readonly defaultTimezone: string;
  readonly minScheduleMinutes: number;
  readonly catchUpHours: number;
}

export interface ReportsConfig {
  /** Ad-hoc reports fetching and rendering at once in this process. */
  readonly concurrency: number;
  /** Reports waiting for a turn; one more is answered "busy" at once. */
  readonly queue: number;
  /**
   * REPORT_HANDOFF: "auto" (default) hands reports from a `web` process on PostgreSQL to the
   * workers through the database; "off" keeps them in web. `npm start` (role all) and SQLite never
   * hand off.
   */
  readonly handOff: "auto" | "off";
}

export interface ChartsConfig {
  /** Worker threads that render charts; 0 renders on the main thread. */
  readonly renderThreads: number;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "pretty";

export interface Config {
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** Finished runs and alert evaluations older than this many days are pruned. */
  readonly historyDays: number;
  readonly slack: SlackConfig;
  readonly placewise: PlacewiseConfig;
  readonly databaseUrl: string;
  readonly schedule: ScheduleConfig;
  readonly reports: ReportsConfig;
  readonly charts: ChartsConfig;
  /** DEFAULT_LANGUAGE: what digests, alerts and replies are written in when neither `lang=` nor the workspace says. */
  readonly defaultLanguage: Lang;
}

export class ConfigError extends CodedError<"invalid_config"> {
  override readonly name = "ConfigError";
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super("invalid_config", `${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function get(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? null : v;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = get(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `"${raw}" is not valid: expected a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = get(env, name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
    throw new ConfigError(name, `"${raw}" is not valid: expected a number from ${min} to ${max}.`);
  }
  return n;
}

function httpUrl(env: Env, name: string, fallback: string, trailingSlash: boolean): string {
  const raw = get(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${redactUrl(raw)}" is not a URL: expected something like ${fallback}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, `"${redactUrl(raw)}" must start with http:// or https://.`);
  }
  const s = url.toString();
  return trailingSlash ? (s.endsWith("/") ? s : `${s}/`) : s.replace(/\/+$/, "");
}

/** A secret must have the right shape; its value never appears in a message. */
function secret(env: Env, name: string, prefix: string | null): string | null {
  const v = get(env, name);
  if (v !== null && prefix !== null && !v.startsWith(prefix)) {
    throw new ConfigError(name, `must start with "${prefix}" (value hidden).`);
  }
  return v;
}

/** `openssl rand -base64 32`: exactly 32 bytes once decoded; the value never appears in a message. */
function encryptionKey(env: Env, name: string): Buffer | null {
  const raw = get(env, name);
  if (raw === null) return null;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, "base64") : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new ConfigError(
      name,
      "must be 32 bytes in base64, 44 characters (make one with `openssl rand -base64 32`; value hidden).",
    );
  }
  return bytes;
}

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** All three OAuth variables, or none; with them ENCRYPTION_KEY is required. */
function oauthConfig(env: Env): OAuthConfig | null {
  const set = OAUTH_VARIABLES.filter((n) => get(env, n) !== null);
  if (set.length === 0) return null;
  const missing = OAUTH_VARIABLES.find((n) => get(env, n) === null);
  if (missing !== undefined) {
    throw new ConfigError(
      missing,
      `is required with ${set.join(" and ")}: "Add to Slack" needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (Basic Information page; the state secret is any long random string).`,
    );
  }
  const encryptionKeyNow = encryptionKey(env, "ENCRYPTION_KEY");
  if (encryptionKeyNow === null) {
    throw new ConfigError(
      "ENCRYPTION_KEY",
      "is required with SLACK_CLIENT_ID (tokens are encrypted at rest): make one with `openssl rand -base64 32`.",
    );
  }
  const stateSecret = get(env, "SLACK_STATE_SECRET") as string;
  if (stateSecret.length < 16) {
    throw new ConfigError(
      "SLACK_STATE_SECRET",
      "must be at least 16 characters of randomness (value hidden).",
    );
  }
  return {
    clientId: get(env, "SLACK_CLIENT_ID") as string,
    clientSecret: get(env, "SLACK_CLIENT_SECRET") as string,
    stateSecret,
    encryptionKey: encryptionKeyNow,
    encryptionKeyOld: encryptionKey(env, "ENCRYPTION_KEY_OLD"),
    authorizeUrl: httpUrl(env, "SLACK_AUTHORIZE_URL", "https://slack.com/oauth/v2/authorize", false),
  };
}

function slackConfig(env: Env): SlackConfig {
  const botToken = secret(env, "SLACK_BOT_TOKEN", "xoxb-");
  const signingSecret = secret(env, "SLACK_SIGNING_SECRET", null);
  const appToken = secret(env, "SLACK_APP_TOKEN", "xapp-");
  const apiUrl = httpUrl(env, "SLACK_API_URL", "https://slack.com/api/", true);
  const oauth = oauthConfig(env);
  if (oauth !== null) {
    if (botToken !== null || appToken !== null) {
      throw new ConfigError(
        botToken !== null ? "SLACK_BOT_TOKEN" : "SLACK_APP_TOKEN",
        "must not be set with SLACK_CLIENT_ID: OAuth mode stores one bot token per installed workspace (unset it, or unset the SLACK_CLIENT_* variables for one workspace).",
      );
    }
    if (signingSecret === null) {
      throw new ConfigError(
        "SLACK_SIGNING_SECRET",
        "is required with SLACK_CLIENT_ID: copy it from your Slack app's Basic Information page.",
      );
    }
    return { mode: "oauth", botToken, signingSecret, appToken, apiUrl, oauth };
  }
  if (botToken === null) {
    if (appToken !== null)
      throw new ConfigError("SLACK_BOT_TOKEN", "is required when SLACK_APP_TOKEN is set.");
    return { mode: "sandbox", botToken, signingSecret, appToken, apiUrl };
  }
  if (appToken !== null) return { mode: "socket", botToken, signingSecret, appToken, apiUrl };
  if (signingSecret === null) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is required with SLACK_BOT_TOKEN: copy it from your Slack app's Basic Information page (or set SLACK_APP_TOKEN for Socket Mode).",
    );
  }
  return { mode: "http", botToken, signingSecret, appToken, apiUrl };
}

function placewiseConfig(env: Env): PlacewiseConfig {
  const userToken = secret(env, "PLACEWISE_USER_TOKEN", null);
  const clientToken = secret(env, "PLACEWISE_CLIENT_TOKEN", null);
  const customer = get(env, "PLACEWISE_CUSTOMER");
  if (customer !== null && !/^(all=all|id=\d+(_\d+)*|[a-z_]+=[^;=\s]+(;[a-z_]+=[^;=\s]+)*)$/.test(customer)) {
    throw new ConfigError(
      "PLACEWISE_CUSTOMER",
      `"${customer}" is not an X-Customer value: expected id=1000941, id=1000941_1000942, all=all or key=value;key=value.`,
    );
  }
  return {
    apiUrl: httpUrl(env, "PLACEWISE_API_URL", "https://api.mpc.placewise.com", false),
    userToken,
    clientToken,
    customer,
    useSimulator: userToken === null && clientToken === null,
  };
}

function databaseUrl(env: Env): string {
  const raw = get(env, "DATABASE_URL") ?? "file:./data/offer-digest.sqlite";
  if (/^file:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)) return raw;
  throw new ConfigError(
    "DATABASE_URL",
    "must be file:PATH (SQLite, e.g. file:./data/offer-digest.sqlite) or postgres://user@host:5432/db (value hidden: it may hold a password).",
  );
}

function timezone(env: Env, name: string, fallback: string): string {
  const raw = get(env, name) ?? fallback;
  if (!IANAZone.isValidZone(raw)) {
    throw new ConfigError(
      name,
      `"${raw}" is not an IANA time zone: expected a name like Europe/Oslo or America/New_York.`,
    );
  }
  return raw;
}

function language(env: Env, name: string): Lang {
  const raw = get(env, name) ?? "en";
  if (!isLang(raw)) {
    throw new ConfigError(
      name,
      `"${raw}" is not a language offer-digest speaks: expected one of ${LANGUAGES.join(", ")}.`,
    );
  }
  return raw;
}

function logLevel(env: Env): LogLevel {
  const raw = get(env, "LOG_LEVEL") ?? "info";
  const levels: readonly LogLevel[] = ["debug", "info", "warn", "error"];
  if (!(levels as readonly string[]).includes(raw)) {
    throw new ConfigError("LOG_LEVEL", `"${raw}" is not valid: expected one of ${levels.join(", ")}.`);
  }
  return raw as LogLevel;
}

function logFormat(env: Env): LogFormat {
  const raw = get(env, "LOG_FORMAT") ?? "json";
  if (raw !== "json" && raw !== "pretty") {
    throw new ConfigError("LOG_FORMAT", `"${raw}" is not valid: expected json or pretty.`);
  }
  return raw;
}

function handOff(env: Env): "auto" | "off" {
  const raw = (get(env, "REPORT_HANDOFF") ?? "auto").toLowerCase();
  if (raw !== "auto" && raw !== "off") {
    throw new ConfigError("REPORT_HANDOFF", `"${raw}" is not valid: expected auto or off.`);
  }
  return raw;
}

/** `host.cores` is the default for RENDER_THREADS; it is passed in so the function stays pure. */
export function parseConfig(env: Env, host: { cores: number } = { cores: availableParallelism() }): Config {
  return {
    port: integer(env, "PORT", 3000, 0, 65535),
    logLevel: logLevel(env),
    logFormat: logFormat(env),
    // 90 days keeps a quarter of runs to look back on; 10 years is a bound, not a suggestion.
    historyDays: integer(env, "HISTORY_DAYS", 90, 1, 3650),
    slack: slackConfig(env),
    placewise: placewiseConfig(env),
    databaseUrl: databaseUrl(env),
    schedule: {
      defaultTimezone: timezone(env, "DEFAULT_TIMEZONE", "Europe/Oslo"),
      minScheduleMinutes: integer(env, "MIN_SCHEDULE_MINUTES", 5, 1, 1440),
      catchUpHours: number(env, "CATCH_UP_HOURS", 6, 0, 24 * 31),
    },
    // A report is ~40-90 ms of the one JavaScript thread (BENCHMARKS.md): 4 at once keep a 2-core
    // box answering acks; 50 waiting is under a minute of work, the "try again in a minute" promised.
    reports: {
      concurrency: integer(env, "REPORT_CONCURRENCY", 4, 1, 64),
      queue: integer(env, "REPORT_QUEUE", 50, 0, 10_000),
      handOff: handOff(env),
    },
    // One thread per core: a chart is CPU work from start to end, more threads than cores only
    // interleave; each thread holds its own Vega (~60 MB resident), hence the cap.
    charts: { renderThreads: integer(env, "RENDER_THREADS", Math.max(1, host.cores), 0, 32) },
    defaultLanguage: language(env, "DEFAULT_LANGUAGE"),
  };
}

/**
 * Reads `.env` (if present) into process.env, then parses. process.loadEnvFile (Node 20.12+) keeps
 * variables that are already set, so the real environment wins over the file.
 */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** A printable summary with every secret replaced by "set" or "not set". */
export function describeConfig(c: Config): string {
  const db = redactUrl(c.databaseUrl);
  const pw = c.placewise.useSimulator ? "built-in simulator" : redactUrl(c.placewise.apiUrl);
  const slack = c.slack.mode === "oauth" ? "oauth (many workspaces)" : c.slack.mode;
  return `port ${c.port}, Slack ${slack}, Placewise ${pw}, database ${db}, timezone ${c.schedule.defaultTimezone}`;
}

/**
 * `offer-digest serve [all|web|worker]` (npm start = all). Prints where it listens and, in sandbox
 * mode, how to connect real Slack. SIGTERM/SIGINT: stop taking work, finish or hand back what runs,
 * exit 0 within 10 s.
 */
import { ConfigError, describeConfig, loadConfig } from "../config.ts";
import { type Role, startRuntime } from "../runtime.ts";
import { InputError } from "../util/errors.ts";
import { createLogger } from "../util/log.ts";
import { redactUrl } from "../util/redact.ts";
import { installCrashPolicy } from "./crash-policy.ts";

/** True when this file runs from the build (dist/, `npm run build`), false through tsx. */
const COMPILED = import.meta.url.endsWith(".js");

const ROLES: readonly Role[] = ["all", "web", "worker"];

export async function run(argv: string[]): Promise<number> {
  const role = (argv[0] ?? "all") as Role;
  if (!ROLES.includes(role))
    throw new InputError(`Unknown role "${argv[0]}": must be one of ${ROLES.join(", ")}.`);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    // Contract: a bad value stops start-up with one line naming the variable.
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (role === "worker" && config.slack.mode === "sandbox") {
    // The sandbox's Slack lives inside the web process; a worker alone would have nowhere to post.
    console.error(
      "serve worker needs SLACK_BOT_TOKEN: without Slack credentials the sandbox runs the worker inside `npm start` (serve all).",
    );
    return 1;
  }
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  installCrashPolicy(log);
  log.info(
    `offer-digest starting (${role}, ${COMPILED ? "compiled JavaScript from dist/" : "TypeScript through tsx"})`,
    {
      config: describeConfig(config),
    },
  );
  if (!COMPILED && role !== "all")
    log.info(
      "Running the sources through tsx: `npm run build` compiles them to dist/, which this command then runs (about 110 MB less memory per process).",
    );
  const runtime = await startRuntime(config, { role, log });
  if (runtime.web) {
    if (config.slack.mode === "sandbox") {
      log.info(`Sandbox ready: open ${runtime.web.url}/ and type /offers help`);
      log.info(
        "This is the local sandbox (no SLACK_BOT_TOKEN). To connect real Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README, Install in Slack), or for many workspaces SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET and ENCRYPTION_KEY (README, Install for many workspaces).",
      );
    } else if (config.slack.mode === "oauth") {
      log.info(
        `Listening on ${runtime.web.url} in OAuth mode for many workspaces: "Add to Slack" at ${runtime.web.url}/slack/install, redirect ${runtime.web.url}/slack/oauth_redirect, events at /slack/events. Each workspace connects its Placewise access with /offers connect.`,
      );
    } else {
      log.info(
        `Listening on ${runtime.web.url} (Slack ${config.slack.mode === "socket" ? "Socket Mode" : "events at /slack/events"}, health at /healthz)`,
      );
      log.info(
        "Single-workspace mode (SLACK_BOT_TOKEN). For many workspaces set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and ENCRYPTION_KEY instead (README, Install for many workspaces).",
      );
    }
  }
  if (config.slack.mode === "oauth")
    log.info(
      `OAuth mode: workspaces connect their own Placewise access at ${redactUrl(config.placewise.apiUrl)}; PLACEWISE_* tokens are never lent to a workspace.`,
    );
  else if (config.placewise.useSimulator)
    log.info(
      "Placewise data comes from the built-in simulator (no PLACEWISE_USER_TOKEN / PLACEWISE_CLIENT_TOKEN).",
    );

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: stopping`);
      // Hard limit: the contract gives 10 s; stop() itself aims for about 6.
      setTimeout(() => process.exit(0), 9_500).unref();
      runtime.stop().then(resolve, (e) => {
        log.error("stop failed", { error: e as Error });
        resolve();
      });
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  log.info("stopped");
  // A run whose lease was handed back may still hold a socket (a Slack call that never answers) and
  // keep the process up until the 9.5 s timer; nothing is left to wait for, so exit now.
  setTimeout(() => process.exit(0), 100).unref();
  return 0;
}

/**
 * The Bolt app: HTTP receiver at POST /slack/events (or Socket Mode), our listeners, and a stricter
 * gate in front (edge/gate.ts): signature headers and freshness before the body is read, a 1 MB
 * body limit, replays dropped, non-object payloads refused. Bolt rejects stale timestamps (> 5 min
 * old) but accepts timestamps from the future; the gate refuses those beyond a minute of skew too,
 * so a captured request cannot be stamped ahead and replayed later.
 */
import type { RequestListener } from "node:http";
import {
  App,
  type CustomRoute,
  HTTPReceiver,
  type HTTPReceiverOptions,
  LogLevel,
  SocketModeReceiver,
} from "@slack/bolt";
import type { AppDeps } from "../app/deps.ts";
import type { Logger } from "../util/log.ts";
import { DEFAULT_BODY_LIMIT, slackEdge } from "./edge/gate.ts";
import { register as registerActions } from "./listeners/actions/index.ts";
import { register as registerCommands } from "./listeners/commands/index.ts";
import { register as registerEvents } from "./listeners/events/index.ts";
import { register as registerForms } from "./listeners/forms/index.ts";
import { type OAuthOptions, oauthReceiverOptions } from "./oauth/installer.ts";

export interface SlackAppOptions {
  /** Ignored in OAuth mode: each workspace's own token comes from the installation store. */
  readonly botToken: string;
  readonly signingSecret: string | null;
  /** Set: Socket Mode instead of HTTP. */
  readonly appToken: string | null;
  readonly apiUrl: string;
  readonly customRoutes?: CustomRoute[];
  readonly log: Logger;
  /** Seconds a request's timestamp may lie in the future (clock skew). */
  readonly maxFutureSkewSeconds?: number;
  /** "Add to Slack" for many workspaces (HTTP only): GET /slack/install and /slack/oauth_redirect. */
  readonly oauth?: OAuthOptions;
}

export interface SlackApp {
  readonly app: App;
  /** HTTP mode: the request listener for our own server (null in Socket Mode). */
  readonly listener: RequestListener | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function boltLogger(log: Logger) {
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.debug(`bolt: ${m.join(" ")}`),
    warn: (...m: unknown[]) => log.warn(`bolt: ${m.join(" ")}`),
    error: (...m: unknown[]) => log.error(`bolt: ${m.join(" ")}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export function createSlackApp(opts: SlackAppOptions, deps: AppDeps): SlackApp {
  const logger = boltLogger(opts.log);
  const clientOptions = {
    slackApiUrl: opts.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  let app: App;
  let listener: RequestListener | null = null;
  if (opts.appToken !== null) {
    // apps.connections.open is a Web API call too: without this it always went to slack.com,
    // ignoring SLACK_API_URL (the socket-mode end-to-end test points it at a loopback Slack).
    const receiver = new SocketModeReceiver({
      appToken: opts.appToken,
      logger,
      installerOptions: { clientOptions: { slackApiUrl: opts.apiUrl } },
    });
    app = new App({ token: opts.botToken, receiver, clientOptions, logger, deferInitialization: true });
  } else {
    if (opts.signingSecret === null) throw new Error("HTTP mode needs a signing secret");
    const oauth: Partial<HTTPReceiverOptions> = opts.oauth
      ? oauthReceiverOptions(opts.oauth, opts.apiUrl, logger)
      : {};
    const receiver = new HTTPReceiver({
      ...oauth,
      signingSecret: opts.signingSecret,
      endpoints: "/slack/events",
      customRoutes: opts.customRoutes ?? [],
      logger,
      // Slack retries a request it thinks failed; a 404 for unknown paths is what it expects.
      unhandledRequestTimeoutMillis: 3001,
      // The gate hands Bolt bodies it has read already; the same limit should a body ever get past it.
      bodyLimit: DEFAULT_BODY_LIMIT,
    });
    // OAuth mode: no token here; Bolt authorizes each request from the installation store.
    app = new App({
      ...(opts.oauth ? {} : { token: opts.botToken }),
      receiver,
      clientOptions,
      logger,
      deferInitialization: true,
    });
    // Real time, not deps.clock: signatures are stamped by Slack's clock, and Bolt checks staleness with Date.now too.
    listener = slackEdge(receiver.requestListener, {
      signingSecret: opts.signingSecret,
      path: "/slack/events",
      maxFutureSeconds: opts.maxFutureSkewSeconds ?? 60,
      now: () => Date.now(),
      log: opts.log,
    });
  }
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerForms(app, deps);
  app.error(async (e) => {
    opts.log.error("slack listener failed", { error: e });
  });
  return {
    app,
    listener,
    // Bolt checks the token with auth.test at init; deferred, so a refused token stops start-up with
    // one clear line instead of an unhandled rejection. In HTTP mode our own server owns the port;
    // only Socket Mode has a connection to open.
    start: async () => {
      try {
        await app.init();
      } catch (e) {
        const err = e as Error & { code?: string; data?: { error?: string } };
        if (err.code === "slack_webapi_platform_error") {
          throw new Error(
            `Slack refused SLACK_BOT_TOKEN (${err.data?.error}): copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page.`,
          );
        }
        throw new Error(`Could not reach Slack at ${opts.apiUrl} to check the token: ${err.message}`);
      }
      if (opts.appToken !== null) await app.start();
    },
    stop: async () => {
      if (opts.appToken !== null) await app.stop();
    },
  };
}

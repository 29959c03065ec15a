import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../util/clock.ts";
import { CodedError } from "../../util/errors.ts";
import type { SlackEmulator } from "../slack-emulator/index.ts";

/** What the sandbox needs from the app that mounts it (only in sandbox mode: no Slack credentials). */
export interface SandboxDeps {
  /** The in-process Slack the bot's Web API calls go to. */
  emulator: SlackEmulator;
  /** Random per process; the same one Bolt verifies with. */
  signingSecret: string;
  /**
   * The bot's real endpoint, e.g. "http://127.0.0.1:3000/slack/events". A function when the port is
   * only known after listening (port 0).
   */
  eventsUrl: string | (() => string);
  /** The sandbox's one workspace, channel and person (the person is a workspace admin). */
  teamId: string;
  channelId: string;
  channelName: string;
  userId: string;
  userName: string;
  /** The worker's hook behind the "Run due now" button. */
  runDueNow?: () => Promise<{ delivered: number }>;
  /** Signs request timestamps; Bolt refuses ones more than 5 minutes off its own clock. */
  clock?: Clock;
  /** Shown in the page's header and bot avatar title; defaults to "offer-digest". */
  botName?: string;
}

/** A request handler in Bolt HTTPReceiver `customRoutes` form; `params` holds `:name` path parts. */
export type SandboxHandler = (
  req: IncomingMessage & { params?: Record<string, string | string[] | undefined> },
  res: ServerResponse,
) => void | Promise<void>;

export interface SandboxRoute {
  path: string;
  method: string | string[];
  handler: SandboxHandler;
}

/** A failure the sandbox routes answer with; `code` is stable, the message says what to do. */
export type SandboxErrorCode =
  | "not_loopback"
  | "bad_host"
  | "bad_origin"
  | "bad_request"
  | "message_not_found"
  | "not_found"
  | "not_configured"
  | "body_too_large"
  | "internal_error";

export class SandboxError extends CodedError<SandboxErrorCode> {
  override readonly name = "SandboxError";
  constructor(
    code: SandboxErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(code, message);
  }
}

import type { Clock } from "../../util/clock.ts";

/** A channel as the emulator knows it. `members` includes the bot when the bot is in the channel. */
export interface EmulatorChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** A direct-message channel opened with `conversations.open`. */
  isIm?: boolean;
  members: string[];
}

export interface EmulatorUser {
  id: string;
  name: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
}

export interface EmulatorOptions {
  port?: number;
  clock?: Clock;
  token?: string;
  teamId?: string;
  botUserId?: string;
  channels?: EmulatorChannel[];
  users?: EmulatorUser[];
  /**
   * Call recording and fault injection (`calls`, `callsOf`, `injectFault`): for tests and
   * benchmarks. The sandbox started by `npm start` never sets it, so a long-running sandbox keeps no
   * record of every call.
   */
  testHooks?: boolean;
  /**
   * Slack's rate limits: `chat.postMessage` about 1 a second per channel, the other methods per
   * their tier (`SLACK_TIERS`), answered with HTTP 429 and Retry-After like Slack. Off by default so
   * tests that do not look at limits keep their speed; `true` gives Slack's figures, an object
   * replaces some. Time comes from `clock`.
   */
  limits?: boolean | EmulatorLimits;
  /** An OAuth app: the Allow page and `oauth.v2.access` (oauth.ts); other workspaces join with addWorkspace. */
  oauth?: { clientId: string; clientSecret: string; redirectUri?: string };
}

/** Calls per minute, and how many may come at once (default 1). */
export interface EmulatorRate {
  perMinute: number;
  burst?: number;
}

export interface EmulatorLimits {
  /** `chat.postMessage` per channel; default 60 a minute with no burst. */
  channelPosts?: EmulatorRate;
  /** Per method, over Slack's tiers; null lifts a method's limit. */
  methods?: Record<string, EmulatorRate | null>;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface FileRef {
  id: string;
  name: string;
  title: string;
}

/** One message as stored: what the channel shows, including ephemeral ones only one user sees. */
export interface EmulatorMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  user: string;
  edited?: { user: string; ts: string };
  files: FileRef[];
  ephemeral: boolean;
  /** The only user who sees an ephemeral message. */
  ephemeralUser?: string;
}

export interface EmulatorFile {
  id: string;
  name: string;
  title: string;
  altText?: string;
  /** Bytes announced in `files.getUploadURLExternal`. */
  length: number;
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  createdAt: number;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** What the emulator answered: `ok`, a Slack error name, `http_<status>` for a fault; `pending` until then. */
  outcome: string;
}

/**
 * A failure injected for the next `times` calls of `method` (default 1). With only `error`, the answer
 * is HTTP 200 `{ok:false,error}`. `status: 429` answers with Retry-After. A 5xx answers
 * `{ok:false,error:"internal_error"}` or, with `html`, an HTML error page. `mode: "store_then_fail"`
 * runs the method first (the message is stored) and then answers with the failure, like a Slack
 * timeout after the write. `delayMs` holds the answer back (real time) so a client timeout can fire;
 * alone it only delays. Method `upload` targets the upload URL.
 */
export interface Fault {
  method: string;
  error?: string;
  status?: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  times?: number;
  html?: boolean;
  mode?: "fail" | "store_then_fail";
  delayMs?: number;
}

export interface PublishedView {
  user: string;
  view: Record<string, unknown>;
  at: number;
}

/** A modal opened with views.open; `hash` changes on every update (views.update's race check). */
export interface OpenModal {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  hash: string;
  openedAt: number;
  /** Closed by its submission (or the person), after which views.update answers not_found. */
  closed: boolean;
}

/** What the event stream carries; the sandbox page renders from these. */
export interface EmulatorEvents {
  message: EmulatorMessage;
  update: EmulatorMessage;
  delete: { channel: string; ts: string };
  file: EmulatorFile;
  view: PublishedView;
  call: RecordedCall;
  /** A modal opened, updated or closed. */
  modal: OpenModal;
}

export type EmulatorEventName = keyof EmulatorEvents;

/** `/offers report QUERY` and `/offers run N`: one digest into the channel, through the one pipeline. */
import { BUSY_TEXT } from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { workspaceLanguage } from "../../app/language.ts";
import { parseQuery } from "../../placewise/words.ts";
import { Admission, type Place } from "../../util/admission.ts";
import { InputError } from "../../util/errors.ts";
import type { Caller } from "../deps.ts";
import { botInChannel } from "../permissions.ts";

/**
 * Checks the words before "Working on it…" is shown, so a typo is answered at once. The query is
 * resolved at now too: retention and bucket limits ("5m data is kept 14 days") are mistakes in the
 * words as well, and belong in the same first answer rather than after "Working on it…".
 */
export function checkReportWords(
  deps: Pick<AppDeps, "clock" | "defaultTimezone">,
  words: readonly string[],
): void {
  parseQuery(words, { now: deps.clock.now(), defaultTimezone: deps.defaultTimezone });
}

/** Where nobody set a limit (deps.reports absent): every report gets a turn at once. */
const UNLIMITED = new Admission(Number.POSITIVE_INFINITY, 0);

/**
 * A turn for one report, taken without waiting: null means every slot and queue place is taken and
 * the person should hear "busy" now. The place must be run (postReport) or cancelled.
 */
export function reserveReport(deps: Pick<AppDeps, "reports">): Place | null {
  return (deps.reports ?? UNLIMITED).tryReserve();
}

/** What a report came to: posted here, or queued for a worker (which then answers the caller). */
export type ReportResult =
  | { handedOff: false; ts: string; chartFailed: boolean }
  | { handedOff: true; job: number };

/**
 * Fetches, renders and posts, in its turn: `place` comes from reserveReport (the listener took it
 * before its ack); without one a place is taken here and a full queue throws the busy sentence.
 * Throws on failure (the listener explains it to the person); a chart that fails to render or upload
 * does not fail the digest: the text goes out with a note.
 *
 * In a `web` process with workers (deps.handOff) and a slash command's response_url, the turn only
 * queues the job: a worker does the rest through runReportJob (handed-off.ts), the same steps, and
 * answers the caller, with `doneReply` once the digest is in the channel.
 */
export async function postReport(
  deps: AppDeps,
  caller: Caller,
  words: string | readonly string[],
  runKey: string,
  place: Place | null = reserveReport(deps),
  doneReply: Reply | null = null,
): Promise<ReportResult> {
  if (place === null) {
    deps.log.warn("report refused: queue full", { team: caller.teamId, channel: caller.channelId });
    throw new InputError(BUSY_TEXT);
  }
  // The period is the one asked for, even when the turn comes later. Everything that holds memory
  // (fetched series, chart, upload) lives inside the turn, so a waiting report costs only its words.
  const asked = deps.clock.now();
  const { handOff } = deps;
  const responseUrl = caller.responseUrl;
  if (handOff !== undefined && responseUrl !== undefined) {
    return place.run(async () => {
      const job = await handOff({
        teamId: caller.teamId,
        channelId: caller.channelId,
        userId: caller.userId,
        words,
        runKey,
        askedAt: asked,
        responseUrl,
        doneReply,
      });
      deps.log.info("report handed to the workers", { job, team: caller.teamId, channel: caller.channelId });
      return { handedOff: true as const, job };
    });
  }
  const posted = await place.run(() => prepareAndPost(deps, caller, words, runKey, asked));
  if (posted === "lost") throw new Error("unreachable: no claim to lose in this process");
  return { handedOff: false, ...posted };
}

export interface PostOptions {
  /** Look for a message with this run key first (a job retaken after its worker stopped). */
  readonly dedupe?: boolean;
  /** Asked just before posting: false means another worker took the job over, so do not post. */
  readonly stillOurs?: () => Promise<boolean>;
}

/** The report's steps, here or in a worker: the channel check, prepareDigest, sendDigest. */
export async function prepareAndPost(
  deps: AppDeps,
  caller: Caller,
  words: string | readonly string[],
  runKey: string,
  now: number,
  opts: PostOptions = {},
): Promise<{ ts: string; chartFailed: boolean } | "lost"> {
  if (!(await botInChannel(deps, caller.channelId))) {
    throw new InputError(
      "I'm not a member of this channel: invite me with `/invite @offer-digest` and try again.",
    );
  }
  const prepared = await deps.pipeline.prepareDigest(
    words,
    now,
    {
      client: deps.placewise,
      defaultTimezone: deps.defaultTimezone,
      charts: deps.charts,
      defaultLanguage: await workspaceLanguage(deps, caller.teamId),
      ...(deps.metrics ? { onRendered: deps.metrics.renderSeconds } : {}),
    },
    // A person asked: interactive work leaves the club's reserve to scheduled digests and alerts.
    { runKey, priority: "interactive" },
  );
  if (prepared.chartError !== null) deps.log.warn("chart failed", { error: prepared.chartError });
  if (opts.stillOurs !== undefined && !(await opts.stillOurs())) return "lost";
  const posted = await deps.pipeline.sendDigest(prepared, deps.delivery, {
    channel: caller.channelId,
    runKey,
    ...(opts.dedupe === true ? { dedupe: true } : {}),
  });
  deps.log.info("report posted", {
    team: caller.teamId,
    channel: caller.channelId,
    ts: posted.ts,
    chartFailed: posted.chartFailed,
  });
  return { ts: posted.ts, chartFailed: posted.chartFailed };
}

/** `/offers report QUERY` and `/offers run N`: one digest into the channel, through the one pipeline. */
import { prepareDigest, sendDigest } from "../../pipeline/digest.ts";
import { parseQuery } from "../../placewise/words.ts";
import { InputError } from "../../util/errors.ts";
import type { BotDeps, Caller } from "../deps.ts";
import { botInChannel } from "../permissions.ts";

/**
 * Checks the words before "Working on it…" is shown, so a typo is answered at once. The query is
 * resolved at now too: retention and bucket limits ("5m data is kept 14 days") are mistakes in the
 * words as well, and belong in the same first answer rather than after "Working on it…".
 */
export function checkReportWords(
  deps: Pick<BotDeps, "clock" | "defaultTimezone">,
  words: readonly string[],
): void {
  parseQuery(words, { now: deps.clock.now(), defaultTimezone: deps.defaultTimezone });
}

/**
 * Fetches, renders and posts. Throws on failure (the listener explains it to the person); a chart
 * that fails to render or upload does not fail the digest: the text goes out with a note.
 */
export async function postReport(
  deps: BotDeps,
  caller: Caller,
  words: string | readonly string[],
  runKey: string,
): Promise<{ ts: string; chartFailed: boolean }> {
  if (!(await botInChannel(deps.web, caller.channelId))) {
    throw new InputError(
      "I'm not a member of this channel: invite me with `/invite @offer-digest` and try again.",
    );
  }
  const now = deps.clock.now();
  const prepared = await prepareDigest(
    words,
    now,
    { client: deps.placewise, defaultTimezone: deps.defaultTimezone },
    // A person asked: interactive work leaves the club's reserve to scheduled digests and alerts.
    { runKey, priority: "interactive" },
  );
  if (prepared.chartError !== null) deps.log.warn("chart failed", { error: prepared.chartError });
  const posted = await sendDigest(prepared, deps.delivery, { channel: caller.channelId, runKey });
  deps.log.info("report posted", {
    team: caller.teamId,
    channel: caller.channelId,
    ts: posted.ts,
    chartFailed: posted.chartFailed,
  });
  return { ts: posted.ts, chartFailed: posted.chartFailed };
}

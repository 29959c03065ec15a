/** `/offers subscribe SCHEDULE QUERY`: validate everything, check the bot can post, then save. */

import { optionsInWords } from "../../../templates/conditions.ts";
import {
  infoReply,
  noSuchItemReply,
  notInChannelReply,
  subscribedReply,
} from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, type Messages, messages } from "../../i18n/index.ts";
import { parseQueryWords, resolveQuery } from "../../placewise/words.ts";
import { type SubscriptionOptions, splitOptionWords, whenToWord } from "../../report/conditions.ts";
import { whenInWords } from "../../report/when.ts";
import { describeSchedule } from "../../schedule/describe.ts";
import { nextRuns } from "../../schedule/next.ts";
import { consumeSchedule, parseSchedule } from "../../schedule/parse.ts";
import type { Schedule } from "../../schedule/types.ts";
import { createSubscription, updateSubscription } from "../../store/subscriptions.ts";
import { InputError } from "../../util/errors.ts";
import type { Caller } from "../deps.ts";
import { publishHome } from "../item-views.ts";
import { authorize, botInChannel } from "../permissions.ts";

/** Everything `/offers subscribe` checks before saving, for the command and the form alike. */
export interface SubscriptionPlan {
  /** The schedule as typed (`daily 08:00`). */
  readonly text: string;
  readonly query: readonly string[];
  readonly options: SubscriptionOptions;
  readonly timezone: string;
  readonly schedule: Schedule;
  /** The next three runs from now. */
  readonly runs: readonly number[];
}

/** Validates the words with the same parsers whatever asked (typed command or form); saves nothing. */
export function planSubscription(
  deps: Pick<AppDeps, "clock" | "defaultTimezone" | "minScheduleMinutes">,
  words: readonly string[],
): SubscriptionPlan {
  const { text, rest } = consumeSchedule(words);
  if (rest.length === 0) {
    throw new InputError(
      `\`/offers subscribe ${text}\` needs a query after the schedule, for example \`/offers subscribe ${text} last 24h interval=1h\`.`,
    );
  }
  // `when=` and `csv=` belong to the subscription, not the query (src/report/conditions.ts).
  const { query, options } = splitOptionWords(rest);
  if (query.length === 0) {
    throw new InputError(
      `\`/offers subscribe ${text} ${rest.join(" ")}\` needs a query too, for example \`/offers subscribe ${text} last 24h interval=1h ${rest.join(" ")}\`.`,
    );
  }
  const queryWords = parseQueryWords(query);
  const timezone = queryWords.timezone ?? deps.defaultTimezone;
  const schedule = parseSchedule(text, { timezone, minMinutes: deps.minScheduleMinutes });
  const runs = nextRuns(schedule, deps.clock.now(), 3);
  // The query must also work at the time it will run (retention, bucket limits).
  resolveQuery(queryWords, { now: runs[0] as number, defaultTimezone: timezone });
  return { text, query, options, timezone, schedule, runs };
}

export async function subscribe(
  deps: AppDeps,
  caller: Caller,
  words: readonly string[],
  given: Messages = EN,
): Promise<Reply> {
  const { text, query, options, timezone, schedule, runs } = planSubscription(deps, words);
  // The answer is in the language the digests will be in.
  const lang = parseQueryWords(query).lang;
  const m = lang ? messages(lang) : given;
  const now = deps.clock.now();
  if (!(await botInChannel(deps, caller.channelId))) return notInChannelReply(m);

  const sub = await createSubscription(deps.db, {
    teamId: caller.teamId,
    channelId: caller.channelId,
    creatorId: caller.userId,
    query: query.join(" "),
    scheduleText: text,
    cron: schedule.cron,
    timezone,
    nextRunAt: runs[0] as number,
    now,
    deliverWhen: whenToWord(options.when),
    attachCsv: options.csv,
  });
  deps.log.info("subscription created", { team: caller.teamId, id: sub.id, cron: sub.cron, tz: timezone });
  void publishHome(deps, caller.teamId, caller.userId);
  return subscribedReply(
    {
      id: sub.id,
      scheduleWords: describeSchedule(schedule.cron, timezone, m),
      timezone,
      queryText: sub.query,
      nextRuns: runs.map((r) => whenInWords(r, timezone, m)),
      options: optionsInWords(options, m),
    },
    m,
  );
}

/**
 * The Edit form's save: the same checks as a new subscription, and the same rule as pause or delete
 * (permissions.ts): the creator or an admin, from the subscription's channel.
 */
export async function editSubscription(
  deps: AppDeps,
  caller: Caller,
  id: number,
  words: readonly string[],
  given: Messages = EN,
): Promise<Reply> {
  const verdict = await authorize(deps, caller, id, "change", "channel");
  if (!verdict.ok) return verdict.reply;
  if (verdict.item.kind !== "digest") return infoReply(given.t("reply.notADigest", { id }));
  const { text, query, options, timezone, schedule, runs } = planSubscription(deps, words);
  // The answer is in the language the digests will be in, as for a new subscription.
  const lang = parseQueryWords(query).lang;
  const m = lang ? messages(lang) : given;
  const now = deps.clock.now();
  const sub = await updateSubscription(deps.db, caller.teamId, id, {
    query: query.join(" "),
    scheduleText: text,
    cron: schedule.cron,
    timezone,
    deliverWhen: whenToWord(options.when),
    attachCsv: options.csv,
    nextRunAt: runs[0] as number,
    now,
  });
  if (sub === null) return noSuchItemReply(id);
  deps.log.info("subscription edited", { team: caller.teamId, id, by: caller.userId });
  void publishHome(deps, caller.teamId, sub.creatorId);
  return subscribedReply(
    {
      id: sub.id,
      scheduleWords: describeSchedule(schedule.cron, timezone, m),
      timezone,
      queryText: sub.query,
      nextRuns: sub.state === "active" ? runs.map((r) => whenInWords(r, timezone, m)) : [],
      options: optionsInWords(options, m),
      edited: true,
    },
    m,
  );
}

/** `/offers subscribe SCHEDULE QUERY`: validate everything, check the bot can post, then save. */

import { optionsInWords } from "../../../templates/conditions.ts";
import { notInChannelReply, subscribedReply } from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, type Messages, messages } from "../../i18n/index.ts";
import { parseQueryWords, resolveQuery } from "../../placewise/words.ts";
import { splitOptionWords, whenToWord } from "../../report/conditions.ts";
import { whenInWords } from "../../report/when.ts";
import { nextRuns } from "../../schedule/next.ts";
import { consumeSchedule, parseSchedule } from "../../schedule/parse.ts";
import { createSubscription } from "../../store/subscriptions.ts";
import { InputError } from "../../util/errors.ts";
import type { Caller } from "../deps.ts";
import { publishHome } from "../item-views.ts";
import { botInChannel } from "../permissions.ts";

export async function subscribe(
  deps: AppDeps,
  caller: Caller,
  words: readonly string[],
  given: Messages = EN,
): Promise<Reply> {
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
  // The answer is in the language the digests will be in.
  const m = queryWords.lang ? messages(queryWords.lang) : given;
  const timezone = queryWords.timezone ?? deps.defaultTimezone;
  const schedule = parseSchedule(text, { timezone, minMinutes: deps.minScheduleMinutes });
  const now = deps.clock.now();
  const runs = nextRuns(schedule, now, 3);
  // The query must also work at the time it will run (retention, bucket limits).
  resolveQuery(queryWords, { now: runs[0] as number, defaultTimezone: timezone });
  if (!(await botInChannel(deps.web, caller.channelId))) return notInChannelReply(m);

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
      scheduleWords: schedule.description,
      timezone,
      queryText: sub.query,
      nextRuns: runs.map((r) => whenInWords(r, timezone, m)),
      options: optionsInWords(options),
    },
    m,
  );
}

/**
 * `/offers alert RULE QUERY`: validate the rule and the words it watches, check the bot can post,
 * save, then send the 4-week preview with its chart to the creator's DM and answer with the id.
 */

import {
  alertEditedReply,
  alertSavedReply,
  noSuchItemReply,
  notAnAlertReply,
  notInChannelReply,
} from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import { describeRule } from "../../alerts/describe.ts";
import type { AlertRule } from "../../alerts/rule.ts";
import { parseRule } from "../../alerts/rules.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, type Messages, messages } from "../../i18n/index.ts";
import { checkAlertBudget } from "../../placewise/budget.ts";
import { parseQueryWords } from "../../placewise/words.ts";
import { createAlertRule, updateAlertRule } from "../../store/alerts.ts";
import { InputError } from "../../util/errors.ts";
import type { Caller } from "../deps.ts";
import { publishHome } from "../item-views.ts";
import { authorize, botInChannel } from "../permissions.ts";
import { type PreviewDm, sendPreviewDm } from "./alert-preview.ts";

/**
 * Everything `/offers alert` checks before saving (rule, words, the history budget), for the command
 * and the form alike; saves nothing.
 */
export function checkAlertWords(
  deps: Pick<AppDeps, "clock" | "defaultTimezone" | "pipeline">,
  words: readonly string[],
): { rule: AlertRule; rest: string[]; timezone: string } {
  const { rule, rest } = parseRule(words.join(" "));
  const queryWords = parseQueryWords(rest);
  if (queryWords.range !== null) {
    throw new InputError(
      "An alert watches the newest buckets as they complete, so it takes no range: leave out words like `last 7d`.",
    );
  }
  if (queryWords.interval !== null) {
    throw new InputError(
      `Give the bucket size with \`per\`, not interval=: for example \`/offers alert ${rule.kind} … per ${queryWords.interval}\`.`,
    );
  }
  const timezone = queryWords.timezone ?? deps.defaultTimezone;
  // Sized before anything is sent: the first evaluation reads the rule's whole history.
  const now = deps.clock.now();
  const plan = deps.pipeline.planAlert(rule.text, rest.join(" "), timezone, now);
  checkAlertBudget(deps.pipeline.historyQuery(plan, now - plan.historyMs, now));
  return { rule, rest, timezone };
}

export async function createAlert(
  deps: AppDeps,
  caller: Caller,
  words: readonly string[],
  given: Messages = EN,
): Promise<Reply> {
  const { rule, rest, timezone } = checkAlertWords(deps, words);
  // The answer is in the language the alert's messages will be in.
  const lang = parseQueryWords(rest).lang;
  const m = lang ? messages(lang) : given;
  if (!(await botInChannel(deps, caller.channelId))) return notInChannelReply(m);
  // The rule in its canonical words ("below 5 per 1h for 1"), so it re-parses the same way later.
  const ruleText = rule.text;
  const query = rest.join(" ");
  const preview = deps.alertPreview
    ? await deps.alertPreview({ teamId: caller.teamId, ruleText, query, timezone }).catch(() => null)
    : null;
  const saved = await createAlertRule(deps.db, {
    teamId: caller.teamId,
    channelId: caller.channelId,
    creatorId: caller.userId,
    ruleText,
    query,
    timezone,
    now: deps.clock.now(),
  });
  deps.log.info("alert created", { team: caller.teamId, id: saved.id, rule: ruleText });
  void publishHome(deps, caller.teamId, caller.userId);
  let dm: PreviewDm | null = null;
  if (preview !== null) {
    dm = await sendPreviewDm(
      deps,
      caller.userId,
      {
        ruleId: saved.id,
        ruleText,
        ruleWords: describeRule(rule, m),
        queryWords: query,
        timezone,
        channelId: caller.channelId,
        sentence: preview.sentence,
        ...(m.lang === "en" ? {} : { lang: m.lang }),
      },
      preview.chart,
    );
  }
  return alertSavedReply(
    {
      id: saved.id,
      ruleWords: ruleText,
      queryWords: query,
      preview: preview?.sentence ?? null,
      dm,
    },
    m,
  );
}

/**
 * The Edit form's save for alert #id: the same checks and the same stored rule text, query and zone
 * as `/offers alert` with these words, and the same right as pause or delete (permissions.ts): the
 * creator or an admin, from the rule's channel. The edited rule starts afresh (store/alerts.ts
 * `updateAlertRule`): an incident of the old condition is closed without a "resolved" message.
 */
export async function editAlert(
  deps: AppDeps,
  caller: Caller,
  id: number,
  words: readonly string[],
  given: Messages = EN,
): Promise<Reply> {
  const verdict = await authorize(deps, caller, id, "change", "channel", given);
  if (!verdict.ok) return verdict.reply;
  if (verdict.item.kind !== "alert") return notAnAlertReply(id, given);
  const { rule, rest, timezone } = checkAlertWords(deps, words);
  const lang = parseQueryWords(rest).lang;
  const m = lang ? messages(lang) : given;
  if (!(await botInChannel(deps, caller.channelId))) return notInChannelReply(m);
  const saved = await updateAlertRule(deps.db, caller.teamId, id, {
    ruleText: rule.text,
    query: rest.join(" "),
    timezone,
    now: deps.clock.now(),
  });
  if (saved === null) return noSuchItemReply(id, m);
  deps.log.info("alert edited", { team: caller.teamId, id, by: caller.userId, rule: rule.text });
  void publishHome(deps, caller.teamId, saved.creatorId);
  return alertEditedReply({ id, ruleWords: saved.ruleText, queryWords: saved.query }, m);
}

/**
 * The CSV button under a digest: fetches the digest's numbers again (same words, same instant, from
 * the button's value) and posts them as a CSV file in the message's thread. Anyone in the channel may
 * press it (permissions.ts, checkChannelPost); the value may be forged, so its words go through the
 * query parser and budget like typed ones, a press takes a report turn (deps.reports) like
 * `/offers report`, and one digest message gives one CSV a minute (cooldown.ts), so the button
 * cannot be used to hammer Placewise.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import {
  csvCooldownReply,
  csvFileComment,
  csvFileTitle,
  csvPostedReply,
} from "../../../../templates/digest-csv.ts";
import { BUSY_TEXT, errorReply } from "../../../../templates/replies.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { parseCsvRequest } from "../../../report/csv.ts";
import { InputError } from "../../../util/errors.ts";
import { claimCooldown } from "../../cooldown.ts";
import { explainError } from "../../explain.ts";
import { answerMessages } from "../../language.ts";
import { checkChannelPost } from "../../permissions.ts";
import { reserveReport } from "../../verbs/report.ts";
import { respondVia } from "../respond.ts";

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond"
>;

export async function csvButton(deps: AppDeps, { ack, body, action, respond }: Args): Promise<void> {
  await ack();
  const reply = respondVia(respond);
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  // The workspace's language: the answers, and the file's title and comment.
  const m = await answerMessages(deps, teamId);
  const caller = { teamId, channelId: body.channel?.id ?? "", userId: body.user.id };
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  let release = () => {};
  try {
    const request = parseCsvRequest(action.value ?? "");
    const refused = await checkChannelPost(deps, caller);
    if (refused !== null) return await reply(refused);
    if (typeof message?.ts !== "string") {
      throw new InputError("The CSV button works on a digest message in a channel; press it there.");
    }
    const threadTs = message.thread_ts ?? message.ts;
    const claim = claimCooldown(deps, `csv:${teamId}:${caller.channelId}:${message.ts}`);
    if (!claim.ok) return await reply(csvCooldownReply(Math.ceil(claim.waitMs / 1000), m));
    release = claim.release;
    const place = reserveReport(deps);
    if (place === null) throw new InputError(BUSY_TEXT);
    const csv = await place.run(async () => {
      const made = await deps.pipeline.prepareCsv(
        request,
        { client: deps.placewise },
        // A person asked: interactive work leaves the club's reserve to scheduled digests and alerts.
        { priority: "interactive" },
      );
      await deps.delivery.shareFile({
        channel: caller.channelId,
        threadTs,
        file: deps.pipeline.csvFile(made, csvFileTitle(made.title, m)),
        comment: csvFileComment(made.rows, made.total, m),
      });
      return made;
    });
    deps.log.info("csv posted", {
      team: teamId,
      channel: caller.channelId,
      rows: csv.rows,
      by: caller.userId,
    });
    await reply(csvPostedReply(m));
  } catch (e) {
    // Nothing was fetched or posted for a wrong value or a full queue: let the person try again at once.
    if (e instanceof InputError) release();
    else deps.log.warn("csv button failed", { error: e as Error });
    await reply(errorReply(explainError(e, m), m)).catch(() => {});
  }
}

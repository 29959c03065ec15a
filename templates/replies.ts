/** Short answers to /offers commands: confirmations and refusals. Pure; user text is escaped. */
import {
  actions,
  type Block,
  button,
  clampBlocks,
  confirmDialog,
  context,
  escapeMrkdwn,
  section,
} from "./blocks.ts";
import { ACTION_IDS } from "./item-list.ts";
import type { Reply } from "./reply.ts";

export function errorReply(message: string): Reply {
  const text = `:warning: ${escapeMrkdwn(message)}`;
  return { text, blocks: [section(text), context(["`/offers help` shows every command with examples."])] };
}

export function infoReply(message: string): Reply {
  return { text: message, blocks: [section(message)] };
}

export function workingReply(what: string): Reply {
  return { text: `:hourglass_flowing_sand: Working on it… ${escapeMrkdwn(what)}` };
}

/** The sentence a person gets when too many reports are already running or waiting. */
export const BUSY_TEXT =
  "I'm busy with other reports right now, try again in a minute. Nothing was posted for this one.";

export function busyReply(): Reply {
  return { text: `:hourglass: ${BUSY_TEXT}` };
}

export function notInChannelReply(): Reply {
  const text =
    "I can't post in this channel yet: I'm not a member. Invite me with `/invite @offer-digest`, then try again. Nothing was saved.";
  return { text, blocks: [section(`:lock: ${text}`)] };
}

export interface SubscribedInfo {
  id: number;
  scheduleWords: string;
  timezone: string;
  queryText: string;
  nextRuns: readonly string[];
  /** `when=` / `csv=` in a sentence (templates/conditions.ts), null for the defaults. */
  options?: string | null;
  /** Saved by the Edit form: "updated" instead of a new subscription. */
  edited?: boolean;
}

export function subscribedReply(s: SubscribedInfo): Reply {
  const runs = s.nextRuns.map((r) => `• ${r}`).join("\n");
  const head = `:white_check_mark: Subscription *#${s.id}*${s.edited ? " updated" : ""}: ${escapeMrkdwn(s.scheduleWords)}, \`${escapeMrkdwn(s.queryText)}\`.`;
  const blocks: Block[] = [
    section(head),
    ...(s.nextRuns.length > 0 ? [section(`*Next runs (${escapeMrkdwn(s.timezone)})*\n${runs}`)] : []),
    ...(s.options ? [section(s.options)] : []),
    context([
      `Pause with \`/offers pause ${s.id}\`, run now with \`/offers run ${s.id}\`, see all with \`/offers list\`.`,
    ]),
  ];
  return {
    text: `Subscription #${s.id}: ${s.scheduleWords}. Next run ${s.nextRuns[0] ?? "none"} (${s.timezone}).`,
    blocks: clampBlocks(blocks),
  };
}

export interface AlertSavedInfo {
  id: number;
  ruleWords: string;
  queryWords: string;
  preview: string | null;
  /** Where the preview chart went: the creator's DM (sent, or still on its way), or nowhere (failed). */
  dm?: "sent" | "no_chart" | "late" | "failed" | null;
}

const DM_LINE = {
  sent: "The preview chart is in your messages with @offer-digest.",
  no_chart: "The preview is in your messages with @offer-digest, without a chart this time.",
  late: "The preview chart is on its way to your messages with @offer-digest.",
  failed: "The preview chart could not be sent to your messages this time; the alert is saved all the same.",
} as const;

/** The id, the preview sentence, where the chart is, and Discard (the list's delete, with its dialog). */
export function alertSavedReply(a: AlertSavedInfo): Reply {
  const where = a.queryWords === "" ? "all offer usages" : `\`${escapeMrkdwn(a.queryWords)}\``;
  const head = `:bell: Alert *#${a.id}*: ${escapeMrkdwn(a.ruleWords)}, watching ${where}.`;
  const dm = a.dm ? DM_LINE[a.dm] : null;
  const blocks: Block[] = [section(head)];
  if (a.preview !== null) blocks.push(section(escapeMrkdwn(a.preview)));
  if (dm !== null) blocks.push(section(dm));
  blocks.push(
    actions(
      [
        button("Discard", ACTION_IDS.delete, String(a.id), {
          style: "danger",
          confirm: confirmDialog(
            `Discard alert #${a.id}?`,
            `Alert #${a.id} will be deleted and never fire. You can make it again with \`/offers alert\`.`,
            "Discard",
          ),
        }),
      ],
      `alert_saved_${a.id}`,
    ),
  );
  blocks.push(context([`Pause with \`/offers pause ${a.id}\`, delete with \`/offers delete ${a.id}\`.`]));
  const text = [`Alert #${a.id}: ${a.ruleWords}.`, a.preview, dm].filter((t) => t !== null).join(" ");
  return { text, blocks: clampBlocks(blocks) };
}

export function refusedReply(id: number, creatorId: string): Reply {
  return infoReply(
    `Sorry, only <@${escapeMrkdwn(creatorId)}> (who created #${id}) or a workspace admin can change it. Anyone here can \`/offers run ${id}\` or \`/offers list\`.`,
  );
}

/** Also the answer for another workspace's id: ids are sequential, so a refusal would confirm one exists. */
export function noSuchItemReply(id: number): Reply {
  return infoReply(
    `There is no subscription or alert #${id} in this workspace. \`/offers list\` shows this channel's ids.`,
  );
}

/** Says nothing about #id (not its kind, channel or query): the caller may not be able to read its channel. */
export function notHereReply(id: number): Reply {
  return infoReply(
    `#${id} is not in this channel, so it can't be run or changed from here. \`/offers list\` shows this channel's ids.`,
  );
}

/** A press on someone's Home tab or preview DM that is not theirs. */
export function notOwnReply(id: number, creatorId: string): Reply {
  return infoReply(
    `Sorry, only <@${escapeMrkdwn(creatorId)}> (who created #${id}) can use these buttons; in its channel, \`/offers list\` shows what you can do with it.`,
  );
}

/** A manual run inside the cooldown: when the last one was (the subscription's zone) and how long to wait. */
export function cooldownReply(id: number, ranAt: string, waitSeconds: number): Reply {
  return infoReply(
    `Subscription #${id} ran at ${ranAt}; try again in ${waitSeconds} s. Its digest is in this channel.`,
  );
}

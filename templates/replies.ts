/** Short answers to /offers commands: confirmations and refusals. Pure; user text is escaped. */
import { type Block, clampBlocks, context, escapeMrkdwn, section } from "./blocks.ts";
import type { Reply } from "./help.ts";

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
}

export function subscribedReply(s: SubscribedInfo): Reply {
  const runs = s.nextRuns.map((r) => `• ${r}`).join("\n");
  const head = `:white_check_mark: Subscription *#${s.id}*: ${escapeMrkdwn(s.scheduleWords)}, \`${escapeMrkdwn(s.queryText)}\`.`;
  const blocks: Block[] = [
    section(head),
    section(`*Next runs (${escapeMrkdwn(s.timezone)})*\n${runs}`),
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
}

export function alertSavedReply(a: AlertSavedInfo): Reply {
  const where = a.queryWords === "" ? "all offer usages" : `\`${escapeMrkdwn(a.queryWords)}\``;
  const head = `:bell: Alert *#${a.id}*: ${escapeMrkdwn(a.ruleWords)}, watching ${where}.`;
  const blocks: Block[] = [section(head)];
  if (a.preview !== null) blocks.push(section(escapeMrkdwn(a.preview)));
  blocks.push(context([`Pause with \`/offers pause ${a.id}\`, delete with \`/offers delete ${a.id}\`.`]));
  return {
    text: `Alert #${a.id}: ${a.ruleWords}.${a.preview ? ` ${a.preview}` : ""}`,
    blocks: clampBlocks(blocks),
  };
}

export function refusedReply(id: number, creatorId: string): Reply {
  return infoReply(
    `Sorry, only <@${escapeMrkdwn(creatorId)}> (who created #${id}) or a workspace admin can change it. Anyone here can \`/offers run ${id}\` or \`/offers list\`.`,
  );
}

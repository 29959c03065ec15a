/** Short answers to /offers commands: confirmations and refusals. Pure; user text is escaped. */
import { EN, type Messages } from "../src/i18n/index.ts";
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

export function errorReply(message: string, m: Messages = EN): Reply {
  const text = `:warning: ${escapeMrkdwn(message)}`;
  return { text, blocks: [section(text), context([m.t("reply.helpHint")])] };
}

export function infoReply(message: string): Reply {
  return { text: message, blocks: [section(message)] };
}

export function workingReply(what: string, m: Messages = EN): Reply {
  return { text: `:hourglass_flowing_sand: ${m.t("reply.working")} ${escapeMrkdwn(what)}` };
}

/** The sentence a person gets when too many reports are already running or waiting. */
export const BUSY_TEXT = EN.t("reply.busy");

export function busyReply(m: Messages = EN): Reply {
  return { text: `:hourglass: ${m.t("reply.busy")}` };
}

export function notInChannelReply(m: Messages = EN): Reply {
  const text = m.t("reply.notInChannel");
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

const code = (text: string) => `\`${text}\``;

export function subscribedReply(s: SubscribedInfo, m: Messages = EN): Reply {
  const runs = s.nextRuns.map((r) => `• ${r}`).join("\n");
  const head = `:white_check_mark: ${m.t(s.edited ? "reply.subscribedEdited" : "reply.subscribed", {
    id: s.id,
    schedule: escapeMrkdwn(s.scheduleWords),
    query: code(escapeMrkdwn(s.queryText)),
  })}`;
  const blocks: Block[] = [
    section(head),
    ...(s.nextRuns.length > 0
      ? [section(`*${m.t("reply.nextRuns", { zone: escapeMrkdwn(s.timezone) })}*\n${runs}`)]
      : []),
    ...(s.options ? [section(s.options)] : []),
    context([
      m.t("reply.subscribedHint", {
        pause: code(`/offers pause ${s.id}`),
        run: code(`/offers run ${s.id}`),
        list: code("/offers list"),
      }),
    ]),
  ];
  return {
    text: m.t("reply.subscribedText", {
      id: s.id,
      schedule: s.scheduleWords,
      next: s.nextRuns[0] ?? m.t("digest.none"),
      zone: s.timezone,
    }),
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
  sent: "reply.dmSent",
  no_chart: "reply.dmNoChart",
  late: "reply.dmLate",
  failed: "reply.dmFailed",
} as const;

/** The id, the preview sentence, where the chart is, and Discard (the list's delete, with its dialog). */
export function alertSavedReply(a: AlertSavedInfo, m: Messages = EN): Reply {
  const where = a.queryWords === "" ? m.t("where.all") : code(escapeMrkdwn(a.queryWords));
  const head = `:bell: ${m.t("reply.alertSaved", { id: a.id, rule: escapeMrkdwn(a.ruleWords), where })}`;
  const dm = a.dm ? m.t(DM_LINE[a.dm]) : null;
  const blocks: Block[] = [section(head)];
  if (a.preview !== null) blocks.push(section(escapeMrkdwn(a.preview)));
  if (dm !== null) blocks.push(section(dm));
  blocks.push(
    actions(
      [
        button(m.t("reply.discard"), ACTION_IDS.delete, String(a.id), {
          style: "danger",
          confirm: confirmDialog(
            m.t("reply.discardTitle", { id: a.id }),
            m.t("reply.discardText", { id: a.id, alert: code("/offers alert") }),
            m.t("reply.discard"),
            m.t("reply.cancel"),
          ),
        }),
      ],
      `alert_saved_${a.id}`,
    ),
  );
  blocks.push(
    context([
      m.t("reply.alertSavedHint", {
        pause: code(`/offers pause ${a.id}`),
        delete: code(`/offers delete ${a.id}`),
      }),
    ]),
  );
  const text = [m.t("reply.alertSavedText", { id: a.id, rule: a.ruleWords }), a.preview, dm]
    .filter((t) => t !== null)
    .join(" ");
  return { text, blocks: clampBlocks(blocks) };
}

/** The Edit form saved alert #id: its new condition and words, and that it starts afresh. */
export function alertEditedReply(
  a: { id: number; ruleWords: string; queryWords: string },
  m: Messages = EN,
): Reply {
  const where = a.queryWords === "" ? m.t("where.all") : code(escapeMrkdwn(a.queryWords));
  const head = `:bell: ${m.t("reply.alertEdited", { id: a.id, rule: escapeMrkdwn(a.ruleWords), where })}`;
  return { text: m.t("reply.alertEditedText", { id: a.id, rule: a.ruleWords }), blocks: [section(head)] };
}

export function notAnAlertReply(id: number, m: Messages = EN): Reply {
  return infoReply(m.t("reply.notAnAlert", { id }));
}

export function refusedReply(id: number, creatorId: string, m: Messages = EN): Reply {
  return infoReply(
    m.t("reply.refused", {
      creator: `<@${escapeMrkdwn(creatorId)}>`,
      id,
      run: code(`/offers run ${id}`),
      list: code("/offers list"),
    }),
  );
}

/** Also the answer for another workspace's id: ids are sequential, so a refusal would confirm one exists. */
export function noSuchItemReply(id: number, m: Messages = EN): Reply {
  return infoReply(m.t("reply.noSuchItem", { id, list: code("/offers list") }));
}

/** Says nothing about #id (not its kind, channel or query): the caller may not be able to read its channel. */
export function notHereReply(id: number, m: Messages = EN): Reply {
  return infoReply(m.t("reply.notHere", { id, list: code("/offers list") }));
}

/** A press on someone's Home tab or preview DM that is not theirs. */
export function notOwnReply(id: number, creatorId: string, m: Messages = EN): Reply {
  return infoReply(
    m.t("reply.notOwn", { creator: `<@${escapeMrkdwn(creatorId)}>`, id, list: code("/offers list") }),
  );
}

/** A manual run inside the cooldown: when the last one was (the subscription's zone) and how long to wait. */
export function cooldownReply(id: number, ranAt: string, waitSeconds: number, m: Messages = EN): Reply {
  return infoReply(m.t("reply.cooldown", { id, at: ranAt, wait: waitSeconds }));
}

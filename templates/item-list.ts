/**
 * The channel's subscriptions and alerts (`/offers list`) and the App Home tab: one section per item
 * with its id, schedule or condition, state and next run, and buttons that act on it.
 */
import { EN, LANGUAGES, type Lang, type Messages, messages } from "../src/i18n/index.ts";
import {
  actionIdPattern,
  actions,
  type Block,
  button,
  clampBlocks,
  confirmDialog,
  context,
  divider,
  escapeKeepingMentions,
  escapeMrkdwn,
  fallbackText,
  type HomeView,
  header,
  mrkdwn,
  plain,
  section,
} from "./blocks.ts";
import { FORM_IDS } from "./forms.ts";
import type { Reply } from "./reply.ts";

export const ACTION_IDS = {
  run: "item_run",
  pause: "item_pause",
  resume: "item_resume",
  delete: "item_delete",
} as const;

/** Every action id of the list's buttons, for the listener. */
export const ITEM_ACTION_PATTERN = actionIdPattern(ACTION_IDS);

export interface ItemSummary {
  id: number;
  kind: "digest" | "alert";
  channelId: string;
  /** "every weekday at 08:00 (Europe/Oslo)" or "fewer than 5 usages per hour". */
  what: string;
  query: string;
  state: "active" | "paused" | "deleted";
  pausedReason: string | null;
  /** Next run in words with its zone, or null. */
  nextRun: string | null;
  /** For alerts: ok, pending, firing; snoozed/muted notes. */
  status: string | null;
}

function itemBlocks(item: ItemSummary, showChannel: boolean, m: Messages): Block[] {
  const icon = item.kind === "digest" ? ":calendar:" : ":bell:";
  const kind = m.t(item.kind === "digest" ? "list.digest" : "list.alert");
  const state =
    item.state === "paused"
      ? `:double_vertical_bar: ${m.t("list.paused")}${item.pausedReason ? `: ${escapeKeepingMentions(item.pausedReason)}` : ""}`
      : `:large_green_circle: ${m.t("list.active")}`;
  const where = showChannel
    ? ` ${m.t("list.inChannel", { channel: `<#${escapeMrkdwn(item.channelId)}>` })}`
    : "";
  const next =
    item.state === "active" && item.nextRun
      ? ` · ${m.t("list.next", { when: escapeMrkdwn(item.nextRun) })}`
      : "";
  const lines = [
    `${icon} *#${item.id}* ${kind}${where}: ${escapeMrkdwn(item.what)}`,
    item.query !== "" ? `\`${escapeMrkdwn(item.query)}\`` : m.t("list.all"),
    `${state}${item.status ? ` · ${escapeMrkdwn(item.status)}` : ""}${next}`,
  ];
  const id = String(item.id);
  const buttons = [
    // Not on the Home tab: a digest is run only from its own channel, where everyone sees who ran it.
    ...(item.kind === "digest" && !showChannel
      ? [button(m.t("list.runNow"), ACTION_IDS.run, id, { style: "primary" })]
      : []),
    button(m.t("list.edit"), item.kind === "digest" ? FORM_IDS.editDigest : FORM_IDS.editAlert, id),
    item.state === "paused"
      ? button(m.t("list.resume"), ACTION_IDS.resume, id)
      : button(m.t("list.pause"), ACTION_IDS.pause, id),
    button(m.t("list.delete"), ACTION_IDS.delete, id, {
      style: "danger",
      confirm: confirmDialog(
        m.t("list.deleteTitle", { id: item.id }),
        m.t("list.deleteText", { kind, id: item.id }),
        m.t("list.delete"),
        m.t("reply.cancel"),
      ),
    }),
  ];
  return [section(lines.join("\n")), actions(buttons, `item_${item.id}`)];
}

export function listReply(items: readonly ItemSummary[], m: Messages = EN): Reply {
  if (items.length === 0) {
    const text = m.t("list.empty");
    return { text, blocks: [section(text), newButtons(m)] };
  }
  // 2 blocks per item and Slack's 50: show 23, then say how many more exist.
  const shown = items.slice(0, 23);
  const blocks: Block[] = [header(m.t("list.header", { n: items.length }))];
  for (const item of shown) blocks.push(...itemBlocks(item, false, m));
  if (items.length > shown.length)
    blocks.push(context([m.t("list.more", { n: items.length - shown.length })]));
  blocks.push(newButtons(m));
  // Cut like every fallback text: 60 long items would pass Slack's 40 000 characters.
  const text = fallbackText(
    items.map((i) => `#${i.id} ${i.kind} ${i.what} (${i.state})${i.nextRun ? `, next ${i.nextRun}` : ""}`),
  );
  return { text, blocks: clampBlocks(blocks) };
}

/** "New digest" and "New alert": they open the forms (src/slack/listeners/forms/). */
function newButtons(m: Messages): Block {
  return actions(
    [
      button(m.t("list.newDigest"), FORM_IDS.newDigest, "new", { style: "primary" }),
      button(m.t("list.newAlert"), FORM_IDS.newAlert, "new"),
    ],
    "od_new",
  );
}

/**
 * Items on the Home tab: 2 blocks each within Slack's 50, beside the header, the new-buttons, "more",
 * the divider, the closing line, the language select and (OAuth mode) the Placewise connection.
 */
const HOME_ITEMS = 20;

/** The action id of the Home tab's language select; its value is a language code or "default". */
export const HOME_LANGUAGE_ACTION = "home_language";
export const LANGUAGE_DEFAULT_VALUE = "default";

/** The workspace's language choice on the Home tab: one select, the current choice shown. */
function languageBlock(chosen: Lang | null, fallback: Lang, m: Messages): Block {
  const option = (value: string, text: string) => ({ text: plain(text, 75), value });
  const options = [
    option(
      LANGUAGE_DEFAULT_VALUE,
      m.t("home.languageDefault", { language: messages(fallback).t("lang.name") }),
    ),
    ...LANGUAGES.map((l) => option(l, messages(l).t("lang.name"))),
  ];
  const initial = options.find((o) => o.value === (chosen ?? LANGUAGE_DEFAULT_VALUE));
  return {
    type: "section",
    text: mrkdwn(m.t("home.language")),
    accessory: {
      type: "static_select",
      action_id: HOME_LANGUAGE_ACTION,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * The Home tab view (views.publish `view`): the user's items across channels, and, when `language`
 * is given, the workspace's language select.
 */
export function homeView(
  items: readonly ItemSummary[],
  m: Messages = EN,
  /** The workspace's choice (null: none) and DEFAULT_LANGUAGE, which applies without one. */
  language?: { chosen: Lang | null; fallback: Lang },
): HomeView {
  const blocks: Block[] = [header(m.t("home.header")), newButtons(m)];
  if (items.length === 0) {
    blocks.push(section(m.t("home.empty")));
  } else {
    for (const item of items.slice(0, HOME_ITEMS)) blocks.push(...itemBlocks(item, true, m));
    if (items.length > HOME_ITEMS) blocks.push(context([m.t("list.more", { n: items.length - HOME_ITEMS })]));
  }
  blocks.push(divider(), context([m.t("home.hint")]));
  if (language !== undefined) blocks.push(languageBlock(language.chosen, language.fallback, m));
  return { type: "home", blocks: clampBlocks(blocks) };
}

/**
 * The channel's subscriptions and alerts (`/offers list`) and the App Home tab: one section per item
 * with its id, schedule or condition, state and next run, and buttons that act on it.
 */
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
  type HomeView,
  header,
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

function itemBlocks(item: ItemSummary, showChannel: boolean): Block[] {
  const icon = item.kind === "digest" ? ":calendar:" : ":bell:";
  const kind = item.kind === "digest" ? "Digest" : "Alert";
  const state =
    item.state === "paused"
      ? `:double_vertical_bar: paused${item.pausedReason ? `: ${escapeKeepingMentions(item.pausedReason)}` : ""}`
      : ":large_green_circle: active";
  const lines = [
    `${icon} *#${item.id}* ${kind}${showChannel ? ` in <#${escapeMrkdwn(item.channelId)}>` : ""}: ${escapeMrkdwn(item.what)}`,
    item.query !== "" ? `\`${escapeMrkdwn(item.query)}\`` : "all offer usages",
    `${state}${item.status ? ` · ${escapeMrkdwn(item.status)}` : ""}${item.state === "active" && item.nextRun ? ` · next: ${escapeMrkdwn(item.nextRun)}` : ""}`,
  ];
  const id = String(item.id);
  const buttons = [
    // Not on the Home tab: a digest is run only from its own channel, where everyone sees who ran it.
    ...(item.kind === "digest" && !showChannel
      ? [button("Run now", ACTION_IDS.run, id, { style: "primary" })]
      : []),
    ...(item.kind === "digest" ? [button("Edit", FORM_IDS.editDigest, id)] : []),
    item.state === "paused" ? button("Resume", ACTION_IDS.resume, id) : button("Pause", ACTION_IDS.pause, id),
    button("Delete", ACTION_IDS.delete, id, {
      style: "danger",
      confirm: confirmDialog(
        `Delete #${item.id}?`,
        `${kind} #${item.id} will stop for everyone in the channel.`,
        "Delete",
      ),
    }),
  ];
  return [section(lines.join("\n")), actions(buttons, `item_${item.id}`)];
}

export function listReply(items: readonly ItemSummary[]): Reply {
  if (items.length === 0) {
    const text =
      "No subscriptions or alerts in this channel yet. Try `/offers subscribe daily 08:00 last 24h interval=1h`.";
    return { text, blocks: [section(text), newButtons()] };
  }
  // 2 blocks per item and Slack's 50: show 23, then say how many more exist.
  const shown = items.slice(0, 23);
  const blocks: Block[] = [header(`Subscriptions and alerts (${items.length})`)];
  for (const item of shown) blocks.push(...itemBlocks(item, false));
  if (items.length > shown.length) blocks.push(context([`${items.length - shown.length} more not shown.`]));
  blocks.push(newButtons());
  const text = items
    .map((i) => `#${i.id} ${i.kind} ${i.what} (${i.state})${i.nextRun ? `, next ${i.nextRun}` : ""}`)
    .join("\n");
  return { text, blocks: clampBlocks(blocks) };
}

/** "New digest" and "New alert": they open the forms (src/slack/listeners/forms/). */
function newButtons(): Block {
  return actions(
    [
      button("New digest", FORM_IDS.newDigest, "new", { style: "primary" }),
      button("New alert", FORM_IDS.newAlert, "new"),
    ],
    "od_new",
  );
}

const HOME_ITEMS = 22;

/** The Home tab view (views.publish `view`): the user's items across channels. */
export function homeView(items: readonly ItemSummary[]): HomeView {
  const blocks: Block[] = [header("Your offer digests and alerts"), newButtons()];
  if (items.length === 0) {
    blocks.push(
      section(
        "You have no subscriptions or alerts yet. In a channel, try `/offers subscribe daily 08:00 last 24h interval=1h` or `/offers alert anomaly per 1h`.",
      ),
    );
  } else {
    // 2 blocks per item within 50, beside header, new-buttons, "more", divider and the closing line.
    for (const item of items.slice(0, HOME_ITEMS)) blocks.push(...itemBlocks(item, true));
    if (items.length > HOME_ITEMS) blocks.push(context([`${items.length - HOME_ITEMS} more not shown.`]));
  }
  blocks.push(
    divider(),
    context([
      "Run a digest now with `/offers run N` in its channel. `/offers help` in any channel shows every command.",
    ]),
  );
  return { type: "home", blocks: clampBlocks(blocks) };
}

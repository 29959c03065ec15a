/**
 * The preview of a new alert rule, sent to its creator's DM with the bot because an ephemeral
 * answer cannot carry a file: what the rule would have done over the last 4 weeks, its chart, and
 * Keep / Discard. The rule is saved before this is sent; Discard deletes it. Pure builders.
 */
import {
  actionIdPattern,
  actions,
  type Block,
  button,
  clampBlocks,
  confirmDialog,
  context,
  escapeMrkdwn,
  fallbackText,
  header,
  image,
  section,
} from "./blocks.ts";

/** Button action ids; each button's value is the rule id. */
export const PREVIEW_ACTIONS = {
  keep: "alert_preview_keep",
  discard: "alert_preview_discard",
} as const;

/** Every action id of the preview's buttons. */
export const PREVIEW_ACTION_PATTERN = actionIdPattern(PREVIEW_ACTIONS);

export const PREVIEW_EVENT_TYPE = "offer_alert_preview";

export interface AlertPreviewInput {
  readonly ruleId: number;
  /** The rule in its canonical words: "below 5 per 1h for 1". */
  readonly ruleText: string;
  /** The same in plain words: "fewer than 5 usages per hour for 1 bucket". */
  readonly ruleWords: string;
  /** The query words the rule watches, as typed; '' for all offer usages. */
  readonly queryWords: string;
  readonly timezone: string;
  readonly channelId: string;
  /** From the preview: "Over the last 4 weeks this rule would have fired 3 times (…)." */
  readonly sentence: string;
}

export interface PreviewMessage {
  text: string;
  blocks: Block[];
}

function actionsBlockId(ruleId: number): string {
  return `alert_preview_${ruleId}`;
}

/** Keep (nothing to change: the rule is on) and Discard (deletes it, after a confirm dialog). */
export function previewButtons(ruleId: number): Block {
  const id = String(ruleId);
  return actions(
    [
      button("Keep", PREVIEW_ACTIONS.keep, id, { style: "primary" }),
      button("Discard", PREVIEW_ACTIONS.discard, id, {
        style: "danger",
        confirm: confirmDialog(
          `Discard alert #${ruleId}?`,
          `Alert #${ruleId} will be deleted and never fire. You can make it again with \`/offers alert\`.`,
          "Discard",
        ),
      }),
    ],
    actionsBlockId(ruleId),
  );
}

/**
 * The DM: header, the sentence, the rule in words, the chart (or a line saying it is missing) and
 * the two buttons. `chart` is the uploaded file; null when rendering or uploading failed.
 */
export function previewMessage(
  p: AlertPreviewInput,
  chart: { fileId: string; altText: string } | null,
): PreviewMessage {
  const where = p.queryWords === "" ? "all offer usages" : `\`${escapeMrkdwn(p.queryWords)}\``;
  const rule = `*Rule:* \`${escapeMrkdwn(p.ruleText)}\`: ${escapeMrkdwn(p.ruleWords)}, watching ${where} in <#${escapeMrkdwn(p.channelId)}> (${escapeMrkdwn(p.timezone)}).`;
  const blocks: Block[] = [
    header(`Preview of alert #${p.ruleId}`),
    section(escapeMrkdwn(p.sentence)),
    section(rule),
    chart === null
      ? context(["⚠️ No chart this time; the numbers above are complete."])
      : image(chart, chart.altText),
    previewButtons(p.ruleId),
    context([
      `The alert is already on. *Keep* leaves it so; *Discard* deletes it (same as \`/offers delete ${p.ruleId}\`).`,
    ]),
  ];
  const text = [`Preview of alert #${p.ruleId}: ${escapeMrkdwn(p.ruleText)}`, escapeMrkdwn(p.sentence)];
  return { text: fallbackText(text), blocks: clampBlocks(blocks) };
}

export type PreviewOutcome = "kept" | "discarded";

/** What replaces the buttons once someone chose. */
export function outcomeLine(ruleId: number, outcome: PreviewOutcome): string {
  return outcome === "kept"
    ? `✅ Alert #${ruleId} is on.`
    : `🗑️ Alert #${ruleId} was discarded: it is deleted and will not fire.`;
}

/**
 * The preview message after Keep or Discard: the same blocks (the chart stays) with the buttons
 * replaced by the outcome, so nobody presses them again. `blocks` are the message's as Slack sent them.
 */
export function decidedPreview(
  blocks: readonly unknown[],
  ruleId: number,
  outcome: PreviewOutcome,
): PreviewMessage {
  const line = outcomeLine(ruleId, outcome);
  const kept = (blocks as Block[]).filter(
    (b) =>
      !(b.type === "actions" && b.block_id === actionsBlockId(ruleId)) &&
      // The hint about the buttons goes with them.
      !(b.type === "context" && b.elements.some((e) => e.text.startsWith("The alert is already on."))),
  );
  return { text: fallbackText([line]), blocks: clampBlocks([...kept, section(`*${line}*`)]) };
}

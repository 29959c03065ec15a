/**
 * The preview of a new alert rule, sent to its creator's DM with the bot because an ephemeral
 * answer cannot carry a file: what the rule would have done over the last 4 weeks, its chart, and
 * Keep / Discard. The rule is saved before this is sent; Discard deletes it. Pure builders.
 */
import { CATALOGUES, EN, LANGUAGES, type Lang, type Messages, messages } from "../src/i18n/index.ts";
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
  /** The language of the DM's own words (the rule's or the workspace's); English when absent. */
  readonly lang?: Lang;
}

export interface PreviewMessage {
  text: string;
  blocks: Block[];
}

function actionsBlockId(ruleId: number): string {
  return `alert_preview_${ruleId}`;
}

function hintBlockId(ruleId: number): string {
  return `alert_preview_hint_${ruleId}`;
}

/** How the hint about the buttons begins in each language ("The alert is already on. "). */
const HINT_STARTS = LANGUAGES.map((l) => (CATALOGUES[l]["preview.hint"].split("*")[0] as string).trim());

/** Keep (nothing to change: the rule is on) and Discard (deletes it, after a confirm dialog). */
export function previewButtons(ruleId: number, m: Messages = EN): Block {
  const id = String(ruleId);
  return actions(
    [
      button(m.t("preview.keep"), PREVIEW_ACTIONS.keep, id, { style: "primary" }),
      button(m.t("reply.discard"), PREVIEW_ACTIONS.discard, id, {
        style: "danger",
        confirm: confirmDialog(
          m.t("reply.discardTitle", { id: ruleId }),
          m.t("reply.discardText", { id: ruleId, alert: "`/offers alert`" }),
          m.t("reply.discard"),
          m.t("reply.cancel"),
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
  const m = messages(p.lang);
  const where = p.queryWords === "" ? m.t("where.all") : `\`${escapeMrkdwn(p.queryWords)}\``;
  const rule = m.t("preview.rule", {
    rule: `\`${escapeMrkdwn(p.ruleText)}\``,
    words: escapeMrkdwn(p.ruleWords),
    where,
    channel: `<#${escapeMrkdwn(p.channelId)}>`,
    zone: escapeMrkdwn(p.timezone),
  });
  const hint = context([m.t("preview.hint", { delete: `\`/offers delete ${p.ruleId}\`` })]);
  const blocks: Block[] = [
    header(m.t("preview.header", { id: p.ruleId })),
    section(escapeMrkdwn(p.sentence)),
    section(rule),
    chart === null ? context([`⚠️ ${m.t("preview.noChart")}`]) : image(chart, chart.altText),
    previewButtons(p.ruleId, m),
    { ...hint, block_id: hintBlockId(p.ruleId) },
  ];
  const text = [
    m.t("preview.text", { id: p.ruleId, rule: escapeMrkdwn(p.ruleText) }),
    escapeMrkdwn(p.sentence),
  ];
  return { text: fallbackText(text), blocks: clampBlocks(blocks) };
}

export type PreviewOutcome = "kept" | "discarded";

/** What replaces the buttons once someone chose. */
export function outcomeLine(ruleId: number, outcome: PreviewOutcome, m: Messages = EN): string {
  return m.t(outcome === "kept" ? "preview.kept" : "preview.discarded", { id: ruleId });
}

/**
 * The preview message after Keep or Discard: the same blocks (the chart stays) with the buttons
 * replaced by the outcome, so nobody presses them again. `blocks` are the message's as Slack sent them.
 */
export function decidedPreview(
  blocks: readonly unknown[],
  ruleId: number,
  outcome: PreviewOutcome,
  m: Messages = EN,
): PreviewMessage {
  const line = outcomeLine(ruleId, outcome, m);
  const kept = (blocks as Block[]).filter(
    (b) =>
      !(b.type === "actions" && b.block_id === actionsBlockId(ruleId)) &&
      // The hint about the buttons goes with them (found by its block id, or, on a preview sent
      // before it had one, by how it begins in any language).
      !(
        b.type === "context" &&
        (b.block_id === hintBlockId(ruleId) ||
          b.elements.some((e) => HINT_STARTS.some((start) => e.text.startsWith(start))))
      ),
  );
  return { text: fallbackText([line]), blocks: clampBlocks([...kept, section(`*${line}*`)]) };
}

/**
 * Small Block Kit builders that cannot produce a message Slack refuses: every text is cut to its
 * limit with "…" instead of failing, and user text is escaped before it reaches mrkdwn.
 */
import type {
  Button,
  ConfirmationDialog,
  HomeView as HomeViewType,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  ActionsBlock as SlackActionsBlock,
  ContextBlock as SlackContextBlock,
  DividerBlock as SlackDividerBlock,
  HeaderBlock as SlackHeaderBlock,
  SectionBlock as SlackSectionBlock,
} from "@slack/types";

/** Slack's limits (api.slack.com/reference/block-kit); `invalid_blocks` loses the whole message. */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  altText: 2000,
  imageUrl: 3000,
  /** chat.postMessage `text`: 40 000 is `msg_too_long`; notifications show far less anyway. */
  fallbackText: 4000,
} as const;

/*
 * Block Kit shapes are Slack's own (@slack/types, installed with Bolt). The aliases below narrow a
 * few of them to what these builders make (buttons only, text-only context) so readers of a built
 * block need no casts; each stays assignable to Slack's type, which `Accepted` checks below.
 */
export type PlainText = PlainTextElement;
export type Mrkdwn = MrkdwnElement;
export type TextObject = PlainText | Mrkdwn;
export type ConfirmDialog = ConfirmationDialog & { title: PlainText; confirm: PlainText; deny: PlainText };
export type ButtonElement = Omit<Button, "confirm"> & { confirm?: ConfirmDialog };
export type HeaderBlock = SlackHeaderBlock;
/** A select of fixed options (the Home tab's language); at most 100 options. */
export type SelectOption = { text: PlainText; value: string };
export type StaticSelectElement = {
  type: "static_select";
  action_id: string;
  options: SelectOption[];
  initial_option?: SelectOption;
};
export type SectionBlock = Omit<SlackSectionBlock, "accessory"> & {
  accessory?: ButtonElement | StaticSelectElement;
};
/** At most 25 elements (Slack's limit). */
export type ActionsBlock = Omit<SlackActionsBlock, "elements"> & { elements: ButtonElement[] };
export type ContextBlock = Omit<SlackContextBlock, "elements"> & { elements: TextObject[] };
export type DividerBlock = SlackDividerBlock;
export type ImageSource = { slack_file: { id: string } } | { image_url: string };
export type ImageBlock = { type: "image"; alt_text: string; title?: PlainText } & ImageSource;
/** Fails to compile unless every block these builders make is one Slack accepts (a KnownBlock). */
type Accepted<T extends KnownBlock> = T;
export type Block = Accepted<
  HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ImageBlock | ActionsBlock
>;
/** A Home tab view as views.publish takes it. */
export type HomeView = HomeViewType & { blocks: Block[] };

/**
 * Escapes text typed by a user (or coming from data) for mrkdwn, so `<!channel>` or `<@U123>` is
 * shown, not triggered. Only these three characters are control characters in Slack text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Escapes text the bot wrote from parts it does not fully control (a pause reason built from an API
 * error), keeping only user and channel mentions the bot itself put there (`<@U123>`, `<#C123>`).
 * Broadcasts like `<!channel>` stay escaped.
 */
export function escapeKeepingMentions(text: string): string {
  return escapeMrkdwn(text).replace(/&lt;([@#][UWC][A-Z0-9]{2,20})&gt;/g, "<$1>");
}

/**
 * Cuts `text` to at most `max` characters, ending in "…". Backs off from a cut inside an escape
 * (`&am`) or a link (`<https://…`), which Slack would show as garbage or refuse.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // A surrogate pair split by slice would leave half an emoji; drop the lone half.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf("<");
  if (lt !== -1 && !cut.slice(lt).includes(">")) cut = cut.slice(0, lt);
  return `${cut}…`;
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainText {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

/** mrkdwn from text that is already escaped (build it with escapeMrkdwn on every user part). */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: "mrkdwn", text: truncate(text, max) };
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

/** A section of two-column fields; at most 10 fields of 2 000 characters each. */
export function fields(items: readonly string[]): SectionBlock {
  return { type: "section", fields: items.slice(0, LIMITS.fields).map((t) => mrkdwn(t, LIMITS.fieldText)) };
}

export function context(items: readonly string[]): ContextBlock {
  return {
    type: "context",
    elements: items.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.contextText)),
  };
}

export function divider(): DividerBlock {
  return { type: "divider" };
}

/** An image from an uploaded Slack file (never `url_private`: that is `invalid_blocks`) or a public URL. */
export function image(source: { fileId: string } | { imageUrl: string }, altText: string): ImageBlock {
  const alt_text = truncate(altText, LIMITS.altText);
  if ("fileId" in source) return { type: "image", slack_file: { id: source.fileId }, alt_text };
  return { type: "image", image_url: source.imageUrl, alt_text };
}

function clampText<T extends TextObject>(t: T, max: number): T {
  return t.text.length <= max ? t : { ...t, text: truncate(t.text, max) };
}

function clampBlock(block: Block): Block {
  switch (block.type) {
    case "header":
      return { ...block, text: clampText(block.text, LIMITS.headerText) };
    case "section": {
      const out: SectionBlock = { type: "section" };
      if (block.text) out.text = clampText(block.text, LIMITS.sectionText);
      if (block.fields)
        out.fields = block.fields.slice(0, LIMITS.fields).map((f) => clampText(f, LIMITS.fieldText));
      if (block.accessory) out.accessory = block.accessory;
      return out;
    }
    case "context":
      return {
        ...block,
        elements: block.elements
          .slice(0, LIMITS.contextElements)
          .map((e) => clampText(e, LIMITS.contextText)),
      };
    case "image":
      return { ...block, alt_text: truncate(block.alt_text, LIMITS.altText) };
    case "divider":
    case "actions":
      return block;
  }
}

/**
 * Enforces every limit on a finished list of blocks, as a last line of defence for builders: texts
 * are cut, and past 50 blocks the tail is replaced by one context block saying how many were left out.
 */
export function clampBlocks(blocks: readonly Block[]): Block[] {
  const clamped = blocks.map(clampBlock);
  if (clamped.length <= LIMITS.blocks) return clamped;
  const kept = clamped.slice(0, LIMITS.blocks - 1);
  kept.push(context([`… ${clamped.length - kept.length} more blocks not shown.`]));
  return kept;
}

/** Fallback `text` for notifications and screen readers: same numbers, no markup, within limits. */
export function fallbackText(lines: readonly string[]): string {
  return truncate(lines.filter((l) => l !== "").join("\n"), LIMITS.fallbackText);
}

/** A button; `value` carries what the action needs (an item id), at most 2000 characters. */
export function button(
  text: string,
  actionId: string,
  value: string,
  opts: { style?: "primary" | "danger"; confirm?: ConfirmDialog } = {},
): ButtonElement {
  return { type: "button", text: plain(text, 75), action_id: actionId, value, ...opts };
}

/**
 * The listener's pattern for a set of button action ids, built from the ids themselves so the two
 * cannot drift apart (a posted message keeps its ids, so they never change once shipped).
 */
export function actionIdPattern(ids: Readonly<Record<string, string>>): RegExp {
  const escaped = Object.values(ids).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^(?:${escaped.join("|")})$`);
}

export function actions(elements: readonly ButtonElement[], blockId?: string): ActionsBlock {
  return { type: "actions", ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, 25) };
}

export function confirmDialog(title: string, text: string, confirm: string, deny = "Cancel"): ConfirmDialog {
  return {
    title: plain(title, 100),
    text: mrkdwn(text, 300),
    confirm: plain(confirm, 30),
    deny: plain(deny, 30),
    style: "danger",
  };
}

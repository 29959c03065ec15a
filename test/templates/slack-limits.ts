import type { Block } from "../../templates/blocks.ts";

/**
 * Every rule Slack applies to blocks that `invalid_blocks` would punish, as a list of problems
 * (empty when the message is fine). Written from Slack's Block Kit reference, independent of the
 * builders, so a builder bug cannot hide behind its own limits table.
 */
export function slackProblems(message: { text: string; blocks: Block[] }): string[] {
  const problems: string[] = [];
  if (message.text.length === 0) problems.push("empty fallback text");
  if (message.text.length > 40_000) problems.push("fallback text over 40000");
  if (message.blocks.length > 50) problems.push(`${message.blocks.length} blocks`);
  message.blocks.forEach((b, i) => {
    const where = `block ${i} (${b.type})`;
    if (b.type === "header" && (b.text.text.length > 150 || b.text.type !== "plain_text"))
      problems.push(`${where}: header`);
    if (b.type === "section") {
      if (!b.text && !b.fields) problems.push(`${where}: no text or fields`);
      if (b.text && b.text.text.length > 3000) problems.push(`${where}: text ${b.text.text.length}`);
      if (b.fields && b.fields.length > 10) problems.push(`${where}: ${b.fields.length} fields`);
      for (const f of b.fields ?? [])
        if (f.text.length > 2000) problems.push(`${where}: field ${f.text.length}`);
    }
    if (b.type === "context") {
      if (b.elements.length === 0 || b.elements.length > 10)
        problems.push(`${where}: ${b.elements.length} elements`);
      for (const e of b.elements)
        if (e.text.length > 2000) problems.push(`${where}: element ${e.text.length}`);
    }
    if (b.type === "image") {
      if (b.alt_text.length === 0 || b.alt_text.length > 2000) problems.push(`${where}: alt text`);
      if ("image_url" in b && /files\.slack\.com\/files-pri/.test(b.image_url))
        problems.push(`${where}: url_private`);
    }
  });
  return problems;
}

/** All mrkdwn texts of a message, fallback text included. */
export function mrkdwnTexts(message: { text: string; blocks: Block[] }): string[] {
  const out = [message.text];
  for (const b of message.blocks) {
    if (b.type === "section") {
      if (b.text?.type === "mrkdwn") out.push(b.text.text);
      for (const f of b.fields ?? []) if (f.type === "mrkdwn") out.push(f.text);
    }
    if (b.type === "context") for (const e of b.elements) if (e.type === "mrkdwn") out.push(e.text);
  }
  return out;
}

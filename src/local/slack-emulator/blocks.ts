/**
 * Block Kit checks Slack makes before storing a message. Any failure is `invalid_blocks` and the whole
 * message is refused, text included; that is the failure the delivery module must survive.
 * Limits from Slack's Block Kit reference: 50 blocks a message (100 in a view), section text 3000
 * characters, 10 section fields of 2000, header 150, alt_text 2000, block_id 255.
 */
const KNOWN_TYPES = new Set([
  "section",
  "header",
  "image",
  "context",
  "divider",
  "actions",
  "rich_text",
  "input",
  "file",
  "markdown",
  "video",
  "table",
]);

export interface BlockRules {
  maxBlocks: number;
  /** Whether a file id names a completed upload this workspace can show. */
  fileReady: (id: string) => boolean;
}

/** The first problem found, as a sentence, or null when Slack would accept the blocks. */
export function blocksProblem(blocks: unknown, rules: BlockRules): string | null {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > rules.maxBlocks) return `${blocks.length} blocks, at most ${rules.maxBlocks} allowed`;
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const problem = blockProblem(block, rules, ids);
    if (problem !== null) return `block ${i}: ${problem}`;
  }
  return null;
}

function blockProblem(block: unknown, rules: BlockRules, ids: Set<string>): string | null {
  if (!isObject(block)) return "must be an object";
  const type = block.type;
  if (typeof type !== "string" || !KNOWN_TYPES.has(type)) return `unknown block type ${JSON.stringify(type)}`;
  if (block.block_id !== undefined) {
    if (typeof block.block_id !== "string" || block.block_id.length > 255) return "block_id longer than 255";
    if (ids.has(block.block_id)) return `duplicate block_id ${block.block_id}`;
    ids.add(block.block_id);
  }
  switch (type) {
    case "section":
      return sectionProblem(block);
    case "header":
      return textProblem(block.text, 150, "plain_text");
    case "image":
      return imageProblem(block, rules);
    case "context":
      return listProblem(block.elements, 10, "elements");
    case "actions":
      return listProblem(block.elements, 25, "elements");
    default:
      return null;
  }
}

function sectionProblem(block: Record<string, unknown>): string | null {
  if (block.text === undefined && block.fields === undefined) return "section needs text or fields";
  if (block.text !== undefined) {
    const p = textProblem(block.text, 3000);
    if (p !== null) return p;
  }
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields) || block.fields.length > 10) return "section fields: at most 10 allowed";
    for (const f of block.fields) {
      const p = textProblem(f, 2000);
      if (p !== null) return `field ${p}`;
    }
  }
  return null;
}

function imageProblem(block: Record<string, unknown>, rules: BlockRules): string | null {
  if (typeof block.alt_text !== "string" || block.alt_text.length === 0 || block.alt_text.length > 2000) {
    return "image needs alt_text of 1 to 2000 characters";
  }
  const hasUrl = typeof block.image_url === "string";
  const file = block.slack_file;
  if (hasUrl === (file !== undefined)) return "image needs exactly one of image_url and slack_file";
  if (hasUrl) return /^https?:\/\//.test(block.image_url as string) ? null : "image_url must be http(s)";
  if (!isObject(file)) return "slack_file must be an object";
  if (typeof file.id === "string")
    return rules.fileReady(file.id) ? null : `slack_file ${file.id} is not ready`;
  // url_private needs the viewer's token, so Slack refuses it here (the Lightdash bug in NOTES.md).
  if (typeof file.url === "string")
    return /files-pri|url_private/.test(file.url) ? "slack_file.url is private" : null;
  return "slack_file needs id or url";
}

function textProblem(text: unknown, max: number, onlyType?: string): string | null {
  if (!isObject(text)) return "text must be a text object";
  if (text.type !== "plain_text" && text.type !== "mrkdwn") return "text type must be plain_text or mrkdwn";
  if (onlyType !== undefined && text.type !== onlyType) return `text type must be ${onlyType}`;
  if (typeof text.text !== "string" || text.text.length === 0) return "text must not be empty";
  if (text.text.length > max) return `text is ${text.text.length} characters, at most ${max} allowed`;
  return null;
}

function listProblem(list: unknown, max: number, name: string): string | null {
  if (!Array.isArray(list) || list.length === 0 || list.length > max) return `${name}: 1 to ${max} allowed`;
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

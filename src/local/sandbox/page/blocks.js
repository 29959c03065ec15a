// Block Kit to DOM: header, section (text, fields, accessory), context, image, divider, actions,
// plus a readable fallback for the rest. ctx: { names, onButton(button, blockId, buttonEl) }.
import { emojify, mrkdwn, textObject } from "./mrkdwn.js";

export function renderBlocks(blocks, ctx) {
  const wrap = el("div", "blocks");
  blocks.forEach((block, i) => {
    if (block === null || typeof block !== "object") return;
    // Slack fills in a block_id when the app gives none; the bot sees it in block_actions.
    const blockId = typeof block.block_id === "string" ? block.block_id : `sandbox-block-${i}`;
    const node = renderBlock(block, blockId, ctx);
    if (node !== null) {
      node.dataset.blockType = String(block.type);
      wrap.append(node);
    }
  });
  return wrap;
}

function renderBlock(block, blockId, ctx) {
  switch (block.type) {
    case "header":
      return el("div", "b-header", textObject(block.text, ctx));
    case "section":
      return section(block, blockId, ctx);
    case "context":
      return context(block, ctx);
    case "image":
      return image(block);
    case "divider":
      return el("hr", "b-divider");
    case "actions":
      return el("div", "b-actions", ...(block.elements ?? []).map((e) => element(e, blockId, ctx)));
    case "markdown":
      return el("div", "b-section-text", mrkdwn(String(block.text ?? ""), ctx));
    case "rich_text":
      return el("div", "b-section-text", document.createTextNode(richText(block)));
    default:
      return el("div", "b-unknown", document.createTextNode(`[${block.type} block]`));
  }
}

function section(block, blockId, ctx) {
  const main = el("div", "b-section-main");
  if (block.text !== undefined) main.append(el("div", "b-section-text", textObject(block.text, ctx)));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    main.append(el("div", "b-fields", ...block.fields.map((f) => el("div", "b-field", textObject(f, ctx)))));
  }
  const node = el("div", "b-section", main);
  if (block.accessory !== undefined)
    node.append(el("div", "b-accessory", element(block.accessory, blockId, ctx)));
  return node;
}

function context(block, ctx) {
  const items = (block.elements ?? []).map((e) => {
    if (e.type === "image")
      return imageTag(e.image_url ?? fileUrl(e.slack_file), e.alt_text, "b-context-img");
    return el("span", "b-context-item", textObject(e, ctx));
  });
  return el("div", "b-context", ...items);
}

function image(block) {
  const node = el("figure", "b-image");
  if (block.title?.text)
    node.append(el("figcaption", "b-image-title", document.createTextNode(emojify(block.title.text))));
  const src = typeof block.image_url === "string" ? block.image_url : fileUrl(block.slack_file);
  const img = imageTag(src, block.alt_text, "b-image-img");
  img.dataset.testid = "block-image";
  if (block.slack_file?.id) img.dataset.fileId = block.slack_file.id;
  node.append(img);
  return node;
}

/** An uploaded file by id goes through the sandbox's file route; a public slack_file.url as is. */
export function fileUrl(slackFile) {
  if (slackFile?.id) return `/sandbox/files/${encodeURIComponent(slackFile.id)}`;
  return typeof slackFile?.url === "string" ? slackFile.url : "";
}

export function imageTag(src, alt, className) {
  const img = document.createElement("img");
  img.className = className;
  img.alt = typeof alt === "string" ? alt : "";
  img.loading = "eager";
  img.src = src;
  return img;
}

function element(e, blockId, ctx) {
  if (e?.type === "button") return button(e, blockId, ctx);
  if (e?.type === "image")
    return imageTag(e.image_url ?? fileUrl(e.slack_file), e.alt_text, "b-accessory-img");
  // Selects, date pickers and inputs need modals the sandbox does not emulate; show them inert.
  const label = e?.placeholder?.text ?? e?.type ?? "element";
  const inert = el("button", "btn btn-inert", document.createTextNode(`${label} (not in sandbox)`));
  inert.disabled = true;
  return inert;
}

function button(e, blockId, ctx) {
  const b = el("button", `btn${e.style === "primary" || e.style === "danger" ? ` btn-${e.style}` : ""}`);
  b.type = "button";
  b.append(textObject(e.text, ctx));
  b.dataset.testid = "button";
  b.dataset.actionId = String(e.action_id ?? "");
  if (e.value !== undefined) b.dataset.value = String(e.value);
  b.addEventListener("click", () => {
    if (typeof e.url === "string" && /^https?:/i.test(e.url)) window.open(e.url, "_blank", "noopener");
    ctx.onButton(e, blockId, b);
  });
  return b;
}

function richText(block) {
  const parts = [];
  const walk = (n) => {
    if (n === null || typeof n !== "object") return;
    if (typeof n.text === "string") parts.push(n.text);
    if (typeof n.url === "string" && n.text === undefined) parts.push(n.url);
    if (Array.isArray(n.elements)) n.elements.forEach(walk);
  };
  walk(block);
  return parts.join("");
}

export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

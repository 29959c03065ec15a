// Slack mrkdwn to DOM nodes. Message text is never parsed as HTML: every piece becomes a text node
// or an element built here, so "<script>" typed by anyone is shown, not run.

const EMOJI = {
  bell: "🔔",
  white_check_mark: "✅",
  warning: "⚠️",
  lock: "🔒",
  large_green_circle: "🟢",
  red_circle: "🔴",
  hourglass_flowing_sand: "⏳",
  double_vertical_bar: "⏸️",
  calendar: "📆",
  x: "❌",
  chart_with_upwards_trend: "📈",
  chart_with_downwards_trend: "📉",
  bar_chart: "📊",
  rotating_light: "🚨",
  information_source: "ℹ️",
  mag: "🔍",
  wave: "👋",
  tada: "🎉",
  zzz: "💤",
  alarm_clock: "⏰",
  stopwatch: "⏱️",
  repeat: "🔁",
  wastebasket: "🗑️",
  eyes: "👀",
};

/** Slack escapes only these three in message text; anything else stays as typed. */
export function decodeEntities(text) {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] ?? all);
}

// One alternative per inline form. Bold, italic and strike need a word boundary on the outside, so
// snake_case words such as member_gender or offer_type are never turned italic.
const INLINE =
  /`([^`\n]+)`|<([^<>\n]+)>|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])|(?<![\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\w~])/g;

/**
 * Renders mrkdwn into a fragment. `ctx.names` resolves mentions: { users: {U..: name}, channels: {C..: name} }.
 */
export function mrkdwn(text, ctx) {
  const out = document.createDocumentFragment();
  const parts = text.split("```");
  parts.forEach((part, i) => {
    // Odd parts sit between ``` fences (an unclosed fence stays literal text, as in Slack).
    if (i % 2 === 1 && i < parts.length - 1) {
      const pre = document.createElement("pre");
      pre.className = "md-pre";
      pre.textContent = decodeEntities(part.replace(/^\n/, ""));
      out.append(pre);
    } else {
      appendLines(out, i % 2 === 1 ? `\`\`\`${part}` : part, ctx);
    }
  });
  return out;
}

const QUOTE = /^(&gt;|>) ?/;

function appendLines(parent, text, ctx) {
  let quote = null;
  text.split("\n").forEach((line, i) => {
    const quoted = QUOTE.exec(line);
    if (quoted !== null) {
      if (quote === null) {
        quote = document.createElement("blockquote");
        quote.className = "md-quote";
        parent.append(quote);
      } else {
        quote.append(document.createElement("br"));
      }
      appendInline(quote, line.slice(quoted[0].length), ctx);
      return;
    }
    // A blockquote already ends its line; elsewhere each newline is a line break.
    if (quote !== null) quote = null;
    else if (i > 0) parent.append(document.createElement("br"));
    appendInline(parent, line, ctx);
  });
}

export function appendInline(parent, text, ctx) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parent.append(plain(text.slice(last, m.index)));
    parent.append(inlineNode(m, ctx));
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.append(plain(text.slice(last)));
}

function plain(text) {
  return document.createTextNode(emojify(decodeEntities(text)));
}

function inlineNode(m, ctx) {
  if (m[1] !== undefined) {
    const code = document.createElement("code");
    code.className = "md-code";
    code.textContent = decodeEntities(m[1]);
    return code;
  }
  if (m[2] !== undefined) return angle(m[2], ctx);
  const [tag, inner] = m[3] !== undefined ? ["b", m[3]] : m[4] !== undefined ? ["i", m[4]] : ["s", m[5]];
  const el = document.createElement(tag);
  appendInline(el, inner, ctx);
  return el;
}

/** <url|text>, <@U123>, <#C123|name>, <!here>: links and mentions. */
function angle(body, ctx) {
  const bar = body.indexOf("|");
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? null : body.slice(bar + 1);
  if (target.startsWith("@"))
    return mention(`@${label ?? ctx.names.users[target.slice(1)] ?? target.slice(1)}`);
  if (target.startsWith("#"))
    return mention(`#${label ?? ctx.names.channels[target.slice(1)] ?? target.slice(1)}`);
  if (target.startsWith("!")) return mention(`@${(label ?? target.slice(1)).split("^")[0]}`);
  const url = decodeEntities(target);
  if (!/^(https?:|mailto:)/i.test(url)) return plain(`<${body}>`);
  const a = document.createElement("a");
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = decodeEntities(label ?? target);
  return a;
}

function mention(text) {
  const span = document.createElement("span");
  span.className = "md-mention";
  span.textContent = decodeEntities(text);
  return span;
}

/** A Block Kit text object (plain_text or mrkdwn) as nodes. */
export function textObject(obj, ctx) {
  if (obj === null || typeof obj !== "object" || typeof obj.text !== "string")
    return document.createTextNode("");
  if (obj.type === "mrkdwn") return mrkdwn(obj.text, ctx);
  return document.createTextNode(obj.emoji === false ? obj.text : emojify(obj.text));
}

// The channel's message list: top-level messages in ts order, each with its thread under it.
// Rendering is keyed by the top-level ts, so an event redraws one message group, not the list.
import { el, imageTag, renderBlocks } from "./blocks.js";
import { mrkdwn } from "./mrkdwn.js";

const DISMISSED_KEY = "sandbox.dismissed";

/** What an empty channel says; the DM list passes its own words. */
const CHANNEL_EMPTY = {
  title: "This is the very beginning of the channel",
  text: "Type /offers help below to see what the bot can do.",
};

export class MessageList {
  constructor(root, ctx, empty = CHANNEL_EMPTY) {
    this.root = root;
    this.ctx = ctx;
    this.empty = empty;
    this.byTs = new Map();
    this.groups = new Map();
    this.expanded = new Set();
    this.dismissed = new Set(JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? "[]"));
    // Follow new messages only while the reader is at the bottom; a chart loading later grows the
    // list, so image loads re-apply it.
    this.stick = true;
    root.addEventListener("scroll", () => {
      this.stick = this.nearEnd();
    });
    root.addEventListener("load", () => this.scrollToEnd(this.stick), true);
  }

  /** Replaces everything, e.g. after (re)connecting. */
  reset(messages) {
    this.byTs.clear();
    this.groups.clear();
    this.root.replaceChildren();
    for (const m of messages) this.byTs.set(m.ts, m);
    const roots = [...this.byTs.values()].filter((m) => !m.threadTs).sort(byTs);
    for (const m of roots) this.drawGroup(m.ts);
    this.drawEmpty();
    this.stick = true;
    this.scrollToEnd(true);
  }

  has(ts) {
    return this.byTs.has(ts);
  }

  upsert(m) {
    const old = this.byTs.get(m.ts);
    // An edit of a reply keeps it in its thread even when the update omits thread_ts.
    this.byTs.set(m.ts, old?.threadTs && !m.threadTs ? { ...m, threadTs: old.threadTs } : m);
    this.drawGroup(this.byTs.get(m.ts).threadTs ?? m.ts);
    this.drawEmpty();
    this.scrollToEnd(this.stick);
  }

  remove(ts) {
    const m = this.byTs.get(ts);
    if (m === undefined) return;
    this.byTs.delete(ts);
    this.drawGroup(m.threadTs ?? ts);
    this.drawEmpty();
  }

  dismiss(ts) {
    this.dismissed.add(ts);
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...this.dismissed]));
    const m = this.byTs.get(ts);
    if (m !== undefined) this.drawGroup(m.threadTs ?? ts);
  }

  drawGroup(rootTs) {
    const root = this.byTs.get(rootTs);
    const existing = this.groups.get(rootTs);
    if (root === undefined || this.dismissed.has(rootTs)) {
      existing?.remove();
      this.groups.delete(rootTs);
      return;
    }
    const replies = [...this.byTs.values()]
      .filter((m) => m.threadTs === rootTs && !this.dismissed.has(m.ts))
      .sort(byTs);
    const group = el("div", "group");
    group.dataset.ts = rootTs;
    group.append(this.messageNode(root, false));
    if (replies.length > 0) group.append(this.threadNode(rootTs, replies));
    if (existing !== undefined) {
      existing.replaceWith(group);
    } else {
      const after = [...this.groups.keys()]
        .filter((ts) => byTs({ ts }, { ts: rootTs }) > 0)
        .sort((a, b) => byTs({ ts: a }, { ts: b }))[0];
      this.root.insertBefore(group, after === undefined ? null : this.groups.get(after));
    }
    this.groups.set(rootTs, group);
  }

  threadNode(rootTs, replies) {
    const open = this.expanded.has(rootTs);
    const toggle = el("button", "thread-toggle");
    toggle.type = "button";
    toggle.dataset.testid = "thread-toggle";
    toggle.textContent = open
      ? "Hide replies"
      : `${replies.length} ${replies.length === 1 ? "reply" : "replies"}`;
    const last = el("span", "thread-last", document.createTextNode(`Last reply ${clock(replies.at(-1).ts)}`));
    const summary = el("div", "thread-summary", toggle, last);
    const list = el("div", "thread", ...replies.map((r) => this.messageNode(r, true)));
    list.dataset.testid = "thread";
    list.hidden = !open;
    toggle.addEventListener("click", () => {
      if (this.expanded.has(rootTs)) this.expanded.delete(rootTs);
      else this.expanded.add(rootTs);
      this.drawGroup(rootTs);
    });
    return el("div", "thread-wrap", summary, list);
  }

  messageNode(m, isReply) {
    const node = el("div", `msg${m.ephemeral ? " msg-ephemeral" : ""}${isReply ? " msg-reply" : ""}`);
    node.dataset.testid = isReply ? "reply" : "message";
    node.dataset.ts = m.ts;
    if (m.ephemeral) node.dataset.ephemeral = "true";
    const avatar = el("div", `avatar${m.isBot ? " avatar-bot" : ""}`);
    if (m.isBot) avatar.append(imageTag("/sandbox/assets/favicon.svg", "", ""));
    else avatar.textContent = (m.userName[0] ?? "?").toUpperCase();
    avatar.setAttribute("aria-hidden", "true");
    const meta = el("div", "meta", el("span", "author", document.createTextNode(m.userName)));
    if (m.isBot) meta.append(el("span", "app-badge", document.createTextNode("APP")));
    const time = el("time", "time", document.createTextNode(clock(m.ts)));
    time.dateTime = new Date(Number(m.ts) * 1000).toISOString();
    time.title = new Date(Number(m.ts) * 1000).toLocaleString();
    meta.append(time);
    const body = el("div", "body");
    if (m.ephemeral) {
      const mark = el("div", "ephemeral-mark", eyeIcon(), document.createTextNode("Only visible to you"));
      mark.dataset.testid = "ephemeral-marker";
      body.append(mark);
    }
    body.append(meta, this.content(m));
    if (m.edited) {
      const edited = el("span", "edited", document.createTextNode("(edited)"));
      edited.dataset.testid = "edited";
      body.append(edited);
    }
    if (m.ephemeral && !m.local?.keep) body.append(this.dismissLink(m.ts));
    node.append(avatar, body);
    return node;
  }

  content(m) {
    const box = el("div", "content");
    box.dataset.testid = "message-content";
    const ctx = {
      ...this.ctx,
      onButton: (button, blockId, node) => this.ctx.onButton(m, button, blockId, node),
    };
    if (Array.isArray(m.blocks) && m.blocks.length > 0) box.append(renderBlocks(m.blocks, ctx));
    else box.append(el("div", "text", mrkdwn(m.text, this.ctx)));
    const shown = new Set((m.blocks ?? []).map((b) => b?.slack_file?.id).filter(Boolean));
    for (const f of m.files ?? []) {
      if (shown.has(f.id)) continue;
      if (f.image) {
        const img = imageTag(f.url, f.title, "file-img");
        img.dataset.testid = "file-image";
        box.append(
          el("figure", "file", el("figcaption", "file-title", document.createTextNode(f.title)), img),
        );
      } else {
        const a = el("a", "file-link", document.createTextNode(`📎 ${f.title}`));
        a.href = f.url;
        a.download = f.name;
        box.append(a);
      }
    }
    return box;
  }

  dismissLink(ts) {
    const b = el("button", "dismiss", document.createTextNode("Dismiss message"));
    b.type = "button";
    b.dataset.testid = "dismiss";
    b.addEventListener("click", () => this.dismiss(ts));
    return b;
  }

  drawEmpty() {
    const empty = this.root.querySelector(".empty");
    if (this.groups.size > 0) {
      empty?.remove();
    } else if (empty === null) {
      const hint = el("div", "empty");
      hint.append(
        el("div", "empty-title", document.createTextNode(this.empty.title)),
        el("div", "empty-text", document.createTextNode(this.empty.text)),
      );
      this.root.append(hint);
    }
  }

  nearEnd() {
    const s = this.root;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  scrollToEnd(should) {
    if (should) this.root.scrollTop = this.root.scrollHeight;
  }
}

/** Slack ts strings compare as numbers: seconds, then the six-digit fraction. */
export function byTs(a, b) {
  return Number(a.ts) - Number(b.ts) || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
}

const SVG = "http://www.w3.org/2000/svg";

/** Drawn, not an emoji: machines without an emoji font (CI's Chromium) would show a box. */
function eyeIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "eye");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute(
    "d",
    "M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",
  );
  svg.append(path);
  return svg;
}

function clock(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

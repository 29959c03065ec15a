// The sandbox page: state on (re)connect, live events, the composer, buttons, the app's Home and
// Messages tabs (the bot's DMs), run due now.
import { Views } from "./appview.js";
import { renderBlocks } from "./blocks.js";
import { askConfirm } from "./dialog.js";
import { MessageList } from "./messages.js";
import { Modal } from "./modal.js";

const $ = (id) => document.getElementById(id);
const names = { users: {}, channels: {} };
const ctx = { names, onButton: pressButton };
const list = new MessageList($("messages"), ctx);
const dmList = new MessageList($("dm"), ctx, {
  title: "This is the very beginning of your direct messages with the app",
  text: "The bot writes here: alert previews and notices about your digests.",
});
const views = new Views({
  onOpen(tab) {
    // A list scrolls only while shown, so the newest message comes into view on opening.
    if (tab === "messages") dmList.scrollToEnd(true);
    const name = tab === "home" ? "Home" : "Messages";
    post("/sandbox/home", { tab }).then(
      (a) =>
        a.ok || notice(`Opening ${name} failed: ${a.message ?? a.error}`, tab === "home" ? list : dmList),
    );
  },
  onChannel() {
    list.scrollToEnd(list.stick);
    $("composer").focus();
  },
});
const modal = new Modal(ctx, (path, body) => post(path, body));
const history = [];
let historyAt = 0;
let localSeq = 0;
let statusTimer;
let channelId = null;

async function post(path, body = {}) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  try {
    return await res.json();
  } catch {
    return { ok: false, error: `http_${res.status}` };
  }
}

async function loadState() {
  const state = await (await fetch("/sandbox/state")).json();
  names.users = { [state.me.id]: state.me.name, [state.bot.id]: state.bot.name };
  names.channels = { [state.channel.id]: state.channel.name };
  channelId = state.channel.id;
  for (const node of document.querySelectorAll("[data-bind=channel]")) node.textContent = state.channel.name;
  for (const node of document.querySelectorAll("[data-bind=bot]")) node.textContent = state.bot.name;
  for (const node of document.querySelectorAll("[data-bind=me]")) node.textContent = state.me.name;
  $("composer").placeholder = `Message #${state.channel.name}`;
  $("run-due").hidden = !state.runDue;
  list.reset(state.messages);
  dmList.reset(state.dm.messages);
  drawHome(state.home);
  ctx.channelId = state.channel.id;
  modal.draw(state.modal);
}

function connect() {
  const events = new EventSource("/sandbox/events");
  // Every (re)connect reloads the whole state, so nothing sent while disconnected is missed.
  events.addEventListener("open", () => {
    setLive(true);
    loadState().catch((e) => notice(`Could not load the channel: ${e}`));
  });
  events.addEventListener("error", () => {
    setLive(false);
    // The browser retries a dropped stream by itself; a refused one (CLOSED) needs a new EventSource.
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  });
  for (const name of ["message", "ephemeral", "update"]) {
    events.addEventListener(name, (e) => list.upsert(JSON.parse(e.data)));
  }
  events.addEventListener("delete", (e) => list.remove(JSON.parse(e.data).ts));
  for (const name of ["dm-message", "dm-ephemeral"]) {
    events.addEventListener(name, (e) => {
      const m = JSON.parse(e.data);
      if (!dmList.has(m.ts)) views.noteDm();
      dmList.upsert(m);
    });
  }
  events.addEventListener("dm-update", (e) => dmList.upsert(JSON.parse(e.data)));
  events.addEventListener("dm-delete", (e) => dmList.remove(JSON.parse(e.data).ts));
  events.addEventListener("home", (e) => drawHome(JSON.parse(e.data)));
  events.addEventListener("modal", (e) => modal.draw(JSON.parse(e.data)));
}

function setLive(live) {
  const badge = $("connection");
  badge.textContent = live ? "● live" : "○ reconnecting…";
  badge.classList.toggle("offline", !live);
  badge.dataset.state = live ? "live" : "offline";
}

/** The list a message (or a notice about it) belongs in. */
function listOf(message) {
  return message?.channel !== undefined && message.channel !== channelId ? dmList : list;
}

/** A reply only this browser shows, as Slack shows its own errors about a command. */
function notice(text, target = list) {
  localSeq += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(999000 + localSeq).padStart(6, "0")}`;
  target.upsert({
    ts,
    text,
    user: "USLACKBOT",
    userName: "Slackbot",
    isBot: false,
    edited: false,
    ephemeral: true,
    files: [],
  });
}

async function sendCommand(line) {
  const answer = await post("/sandbox/command", { text: line });
  if (answer.ok) return;
  const command = line.trim().split(/\s+/)[0];
  notice(answer.message ?? `${command} failed with the error "${answer.error}"`);
}

async function pressButton(message, button, blockId, node) {
  if (button.confirm) {
    const yes = await askConfirm(button.confirm, ctx);
    if (!yes) return;
  }
  node.disabled = true;
  node.classList.add("busy");
  try {
    const body = { action_id: button.action_id, block_id: blockId };
    if (message !== null) body.ts = message.ts;
    if (message?.channel !== undefined) body.channel = message.channel;
    if (button.value !== undefined) body.value = String(button.value);
    if (button.text?.text !== undefined) body.text = button.text.text;
    if (button.style !== undefined) body.style = button.style;
    const answer = await post("/sandbox/action", body);
    if (!answer.ok)
      notice(answer.message ?? `That button failed with the error "${answer.error}"`, listOf(message));
  } finally {
    node.disabled = false;
    node.classList.remove("busy");
  }
}

function drawHome(home) {
  const root = $("home");
  if (home === null || home === undefined) {
    const empty = document.createElement("div");
    empty.className = "empty";
    empty.textContent = "The app has not published a Home view yet.";
    root.replaceChildren(empty);
    return;
  }
  const homeCtx = { ...ctx, onButton: (button, blockId, node) => pressButton(null, button, blockId, node) };
  root.replaceChildren(renderBlocks(home.blocks, homeCtx));
}

function status(text) {
  const node = $("status");
  node.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    node.textContent = "";
  }, 6000);
}

$("composer-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const input = $("composer");
  const line = input.value.trim();
  if (line === "") return;
  input.value = "";
  history.push(line);
  historyAt = history.length;
  sendCommand(line).catch((err) => notice(`Could not send the command: ${err}`));
});

$("composer").addEventListener("keydown", (e) => {
  if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
  if (history.length === 0) return;
  historyAt = Math.max(0, Math.min(history.length, historyAt + (e.key === "ArrowUp" ? -1 : 1)));
  e.target.value = history[historyAt] ?? "";
  e.preventDefault();
});

$("run-due").addEventListener("click", async () => {
  const button = $("run-due");
  button.disabled = true;
  status("Running due subscriptions and alerts…");
  try {
    const answer = await post("/sandbox/run-due");
    status(
      answer.ok
        ? `Ran due work: ${answer.delivered} delivered`
        : `Run failed: ${answer.message ?? answer.error}`,
    );
  } finally {
    button.disabled = false;
  }
});

for (const node of document.querySelectorAll("[data-fill]")) {
  node.addEventListener("click", () => {
    $("composer").value = node.dataset.fill;
    $("composer").focus();
  });
}

connect();

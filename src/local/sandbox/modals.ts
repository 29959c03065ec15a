/**
 * Modals on the sandbox page, as Slack's client runs them: the page sends the modal's input values;
 * a pick in a dispatching input becomes a signed block_actions from the view, Submit a signed
 * view_submission. Bolt's answer to the submission decides what the page shows: `response_action:
 * errors` keeps the modal open with the messages under their fields; an empty ack closes it (the
 * emulator is told, since Slack's client would close it).
 */
import type { OpenModal } from "../slack-emulator/index.ts";
import { dispatchError, postSigned, triggerId } from "./forward.ts";
import type { Bot, ForwardResult } from "./interactions.ts";
import { slackTs } from "./payloads.ts";
import { SandboxError } from "./types.ts";

/** `view.state.values` as the page sends it: block id → action id → the element's value. */
export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ModalResult extends ForwardResult {
  /** Field errors from `response_action: errors`, by block id. */
  errors?: Record<string, string>;
}

/** The sandbox person's newest open modal, or null. */
export function openModal(bot: Bot): OpenModal | null {
  const open = [...bot.emulator.modals.values()].filter((m) => !m.closed);
  return open.at(-1) ?? null;
}

function modalById(bot: Bot, viewId: string): OpenModal {
  const modal = bot.emulator.modals.get(viewId);
  if (modal === undefined || modal.closed)
    throw new SandboxError("not_found", `no open modal ${viewId}`, 404);
  return modal;
}

/** Keeps only the shape Slack sends; anything else from the page is dropped. */
export function cleanValues(raw: unknown): ViewValues {
  const out: ViewValues = {};
  if (typeof raw !== "object" || raw === null) return out;
  for (const [block, actions] of Object.entries(raw as Record<string, unknown>).slice(0, 100)) {
    if (typeof actions !== "object" || actions === null) continue;
    const inner: Record<string, Record<string, unknown>> = {};
    for (const [action, value] of Object.entries(actions as Record<string, unknown>).slice(0, 5)) {
      if (typeof value === "object" && value !== null) inner[action] = value as Record<string, unknown>;
    }
    out[block] = inner;
  }
  return out;
}

function user(bot: Bot) {
  const { who } = bot;
  return { id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId };
}

function viewPayload(bot: Bot, modal: OpenModal, values: ViewValues): Record<string, unknown> {
  return {
    ...modal.view,
    id: modal.id,
    hash: modal.hash,
    team_id: bot.who.teamId,
    app_id: bot.who.apiAppId,
    state: { values },
  };
}

async function send(bot: Bot, payload: Record<string, unknown>) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(bot.eventsUrl(), body, "application/x-www-form-urlencoded", bot.signingSecret, bot.now());
}

/** A pick in a dispatching input of the modal. */
export async function sendViewAction(
  bot: Bot,
  viewId: string,
  blockId: string,
  values: ViewValues,
): Promise<ModalResult> {
  const modal = modalById(bot, viewId);
  const action = Object.entries(values[blockId] ?? {})[0];
  if (action === undefined) throw new SandboxError("bad_request", `no value for ${blockId} in values`, 400);
  const now = bot.now();
  const payload = {
    type: "block_actions",
    user: user(bot),
    api_app_id: bot.who.apiAppId,
    token: "sandbox-verification-token",
    trigger_id: triggerId(now),
    team: { id: bot.who.teamId, domain: "sandbox" },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: "view", view_id: modal.id },
    view: viewPayload(bot, modal, values),
    actions: [{ ...action[1], action_id: action[0], block_id: blockId, action_ts: slackTs(now) }],
  };
  try {
    const ack = await send(bot, payload);
    return ack.status === 200
      ? { ok: true, status: 200 }
      : { ok: false, status: ack.status, error: "dispatch_failed" };
  } catch (e) {
    return { ok: false, error: dispatchError(e) };
  }
}

/** Submit: errors come back to the page; an empty ack closes the modal. */
export async function submitView(bot: Bot, viewId: string, values: ViewValues): Promise<ModalResult> {
  const modal = modalById(bot, viewId);
  const now = bot.now();
  const payload = {
    type: "view_submission",
    team: { id: bot.who.teamId, domain: "sandbox" },
    user: user(bot),
    api_app_id: bot.who.apiAppId,
    token: "sandbox-verification-token",
    trigger_id: triggerId(now),
    view: viewPayload(bot, modal, values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  let ack: Awaited<ReturnType<typeof send>>;
  try {
    ack = await send(bot, payload);
  } catch (e) {
    return { ok: false, error: dispatchError(e) };
  }
  if (ack.status !== 200) return { ok: false, status: ack.status, error: "dispatch_failed" };
  let answer: { response_action?: string; errors?: Record<string, string> } = {};
  try {
    answer = ack.body.trim() === "" ? {} : JSON.parse(ack.body);
  } catch {
    answer = {};
  }
  if (answer.response_action === "errors") return { ok: false, status: 200, errors: answer.errors ?? {} };
  bot.emulator.closeModal(modal.id);
  return { ok: true, status: 200 };
}

/** Cancel or Escape: Slack closes the modal without telling an app that did not ask to be told. */
export function closeView(bot: Bot, viewId: string): ForwardResult {
  bot.emulator.closeModal(modalById(bot, viewId).id);
  return { ok: true };
}

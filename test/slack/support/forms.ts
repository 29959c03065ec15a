/**
 * Driving a modal as Slack's client does: its inputs' values as `view.state.values` (initial values,
 * then the person's picks), a pick in a dispatching input as block_actions, the Submit button as
 * view_submission. Bodies are signed by the caller (harness.post).
 */
import type { OpenModal } from "../../../src/local/slack-emulator/index.ts";
import { APP_ID, triggerId, type Who } from "./requests.ts";

type Values = Record<string, Record<string, Record<string, unknown>>>;
/** A pick: a select's option value, several for a multi-select or checkboxes, text for an input. */
export type Pick = string | string[];

interface InputBlock {
  type: string;
  block_id: string;
  element: Record<string, unknown> & { type: string; action_id: string };
}

function inputs(modal: OpenModal): InputBlock[] {
  return ((modal.view.blocks ?? []) as InputBlock[]).filter((b) => b.type === "input");
}

function optionOf(element: Record<string, unknown>, value: string): unknown {
  const options = (element.options ?? []) as { value: string }[];
  const found = options.find((o) => o.value === value);
  if (found === undefined)
    throw new Error(`no option ${value} in ${JSON.stringify(options.map((o) => o.value))}`);
  return found;
}

function elementValue(element: InputBlock["element"], pick: Pick | undefined): Record<string, unknown> {
  const type = element.type;
  switch (type) {
    case "static_select":
      return {
        type,
        selected_option:
          pick === undefined ? (element.initial_option ?? null) : optionOf(element, pick as string),
      };
    case "multi_static_select":
    case "checkboxes":
      return {
        type,
        selected_options:
          pick === undefined
            ? (element.initial_options ?? [])
            : (pick as string[]).map((v) => optionOf(element, v)),
      };
    case "conversations_select":
      return { type, selected_conversation: pick ?? element.initial_conversation ?? null };
    default:
      return { type, value: pick ?? element.initial_value ?? null };
  }
}

/** What the modal holds after the picks: every input's value, as Slack sends it. */
export function stateValues(modal: OpenModal, picks: Record<string, Pick> = {}): Values {
  const values: Values = {};
  for (const b of inputs(modal)) {
    values[b.block_id] = { [b.element.action_id]: elementValue(b.element, picks[b.block_id]) };
  }
  return values;
}

function viewPayload(who: Who, modal: OpenModal, values: Values, metadata?: string): Record<string, unknown> {
  return {
    ...modal.view,
    id: modal.id,
    hash: modal.hash,
    team_id: who.teamId,
    app_id: APP_ID,
    ...(metadata === undefined ? {} : { private_metadata: metadata }),
    state: { values },
  };
}

/** Submit pressed; `metadata` replaces private_metadata (a forged submission). */
export function submissionBody(
  who: Who,
  modal: OpenModal,
  picks: Record<string, Pick> = {},
  metadata?: string,
): string {
  const payload = {
    type: "view_submission",
    team: { id: who.teamId, domain: "acme" },
    user: { id: who.userId, username: who.userId, name: who.userId, team_id: who.teamId },
    api_app_id: APP_ID,
    token: "deprecated-verification-token",
    trigger_id: triggerId(),
    view: viewPayload(who, modal, stateValues(modal, picks), metadata),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** One pick in a dispatching input: block_actions from the view. */
export function pickBody(
  who: Who,
  modal: OpenModal,
  blockId: string,
  pick: Pick,
  picks: Record<string, Pick> = {},
): string {
  const all = { ...picks, [blockId]: pick };
  const values = stateValues(modal, all);
  const block = inputs(modal).find((b) => b.block_id === blockId);
  if (block === undefined) throw new Error(`no input ${blockId} in the modal`);
  const action = {
    ...(values[blockId]?.[block.element.action_id] ?? {}),
    action_id: block.element.action_id,
    block_id: blockId,
    action_ts: (Date.now() / 1000).toFixed(6),
  };
  const payload = {
    type: "block_actions",
    user: { id: who.userId, username: who.userId, name: who.userId, team_id: who.teamId },
    api_app_id: APP_ID,
    token: "deprecated-verification-token",
    trigger_id: triggerId(),
    team: { id: who.teamId, domain: "acme" },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: "view", view_id: modal.id },
    view: viewPayload(who, modal, values),
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The modal's text as a person reads it: every section and label. */
export function modalText(modal: OpenModal): string {
  return JSON.stringify(modal.view.blocks);
}

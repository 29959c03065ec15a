/**
 * A workspace's Placewise access in OAuth mode (issue 14): the connect modal, the replies to
 * `/offers connect|disconnect`, the message a team that has not connected gets, and the Home tab's
 * connection section with its button. Pure builders.
 */
import { EN, type Messages } from "../src/i18n/index.ts";
import { actions, type Block, button, context, escapeMrkdwn, section } from "./blocks.ts";
import type { Reply } from "./reply.ts";

export const CONNECT_CALLBACK_ID = "placewise_connect";
export const CONNECT_ACTION_ID = "placewise_connect_open";
export const CONNECT_BLOCKS = {
  customer: { block: "customer", action: "customer_value" },
  kind: { block: "token_kind", action: "token_kind_value" },
  token: { block: "token", action: "token_value" },
} as const;

export function notConnectedReply(m: Messages = EN): Reply {
  const text = m.t("connect.notConnected", { how: m.t("connect.how") });
  return { text, blocks: [section(`:electric_plug: ${text}`)] };
}

export function connectedReply(customer: string, timezone: string | null, m: Messages = EN): Reply {
  const zone = timezone === null ? "" : ` ${m.t("connect.clubZone", { zone: escapeMrkdwn(timezone) })}`;
  const text = `${m.t("connect.connected", { customer: escapeMrkdwn(customer) })}${zone}`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function demoConnectedReply(timezone: string | null, m: Messages = EN): Reply {
  const zone = timezone === null ? "" : ` ${m.t("connect.demoZone", { zone: escapeMrkdwn(timezone) })}`;
  return { text: `${m.t("connect.demo")}${zone} ${m.t("connect.demoReplace")}` };
}

export function demoUnavailableReply(m: Messages = EN): Reply {
  return { text: m.t("connect.demoUnavailable", { how: m.t("connect.how") }) };
}

export function disconnectedReply(paused: number, m: Messages = EN): Reply {
  const also = paused > 0 ? ` ${m.t("connect.paused", { n: paused })}` : "";
  const text = `${m.t("connect.removed")}${also} ${m.t("connect.again", { how: m.t("connect.how") })}`;
  return { text, blocks: [section(text)] };
}

export function notConnectedToDisconnectReply(m: Messages = EN): Reply {
  return { text: m.t("connect.nothingToRemove", { how: m.t("connect.how") }) };
}

export function onlyAdminsReply(m: Messages = EN): Reply {
  return { text: m.t("connect.onlyAdmins") };
}

/** The modal's field errors, in the reader's language. */
export function connectFieldTexts(m: Messages = EN) {
  return {
    badCustomer: m.t("connect.badCustomer"),
    badKind: m.t("connect.badKind"),
    badToken: m.t("connect.badToken"),
  } as const;
}

/** The modal: customer id, kind of token, token. `private_metadata` carries the channel to answer in. */
export function connectModal(channelId: string | null, m: Messages = EN): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: CONNECT_CALLBACK_ID,
    private_metadata: channelId ?? "",
    title: { type: "plain_text", text: m.t("connect.title") },
    submit: { type: "plain_text", text: m.t("connect.submit") },
    close: { type: "plain_text", text: m.t("reply.cancel") },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: m.t("connect.intro"),
        },
      },
      {
        type: "input",
        block_id: CONNECT_BLOCKS.customer.block,
        label: { type: "plain_text", text: m.t("connect.customer") },
        hint: { type: "plain_text", text: m.t("connect.customerHint") },
        element: { type: "plain_text_input", action_id: CONNECT_BLOCKS.customer.action, max_length: 100 },
      },
      {
        type: "input",
        block_id: CONNECT_BLOCKS.kind.block,
        label: { type: "plain_text", text: m.t("connect.kind") },
        element: {
          type: "static_select",
          action_id: CONNECT_BLOCKS.kind.action,
          initial_option: { text: { type: "plain_text", text: m.t("connect.clientToken") }, value: "client" },
          options: [
            { text: { type: "plain_text", text: m.t("connect.clientToken") }, value: "client" },
            { text: { type: "plain_text", text: m.t("connect.userToken") }, value: "user" },
          ],
        },
      },
      {
        type: "input",
        block_id: CONNECT_BLOCKS.token.block,
        label: { type: "plain_text", text: "Token" },
        element: { type: "plain_text_input", action_id: CONNECT_BLOCKS.token.action, max_length: 4000 },
      },
    ],
  };
}

/** The Home tab's first blocks in OAuth mode: the workspace's Placewise access and its button. */
export function connectionBlocks(
  c: { connected: boolean; customer: string | null },
  m: Messages = EN,
): Block[] {
  const line = c.connected
    ? `:white_check_mark: ${m.t("connect.homeConnected", { customer: escapeMrkdwn(c.customer ?? "?") })}`
    : `:electric_plug: ${m.t("connect.homeNotConnected")}`;
  return [
    section(line),
    actions([
      button(
        c.connected ? m.t("connect.change") : m.t("connect.title"),
        CONNECT_ACTION_ID,
        "open",
        c.connected ? {} : { style: "primary" },
      ),
    ]),
    context([m.t("connect.adminsOnly")]),
  ];
}

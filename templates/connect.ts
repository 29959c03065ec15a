/**
 * A workspace's Placewise access in OAuth mode (issue 14): the connect modal, the replies to
 * `/offers connect|disconnect`, the message a team that has not connected gets, and the Home tab's
 * connection section with its button. Pure builders.
 */
import { actions, type Block, button, context, escapeMrkdwn, section } from "./blocks.ts";
import type { Reply } from "./reply.ts";

export const CONNECT_CALLBACK_ID = "placewise_connect";
export const CONNECT_ACTION_ID = "placewise_connect_open";
export const CONNECT_BLOCKS = {
  customer: { block: "customer", action: "customer_value" },
  kind: { block: "token_kind", action: "token_kind_value" },
  token: { block: "token", action: "token_value" },
} as const;

const HOW = "type `/offers connect` in any channel (or press *Connect Placewise* on the bot's Home tab)";

export function notConnectedReply(): Reply {
  const text = `This workspace has not connected its Placewise access yet, so there are no numbers to show: ${HOW} and enter your customer id and a user or client token. To look around first, \`/offers connect demo\` shows demo data (labelled as such).`;
  return { text, blocks: [section(`:electric_plug: ${text}`)] };
}

export function connectedReply(customer: string, timezone: string | null): Reply {
  const zone = timezone === null ? "" : ` Club time zone: ${escapeMrkdwn(timezone)}.`;
  const text = `Placewise connected for customer ${escapeMrkdwn(customer)}: reports, digests and alerts of this workspace now use it.${zone}`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function demoConnectedReply(timezone: string | null): Reply {
  const zone = timezone === null ? "" : ` Demo club time zone: ${escapeMrkdwn(timezone)}.`;
  return {
    text: `Demo data connected: reports, digests and alerts of this workspace now show the built-in simulator's numbers, not your club's, and every message says so.${zone} \`/offers connect\` with your customer id and token replaces it.`,
  };
}

export function demoUnavailableReply(): Reply {
  return { text: `Demo data is not offered on this deployment. To connect your club, ${HOW}.` };
}

export function disconnectedReply(paused: number): Reply {
  const also = paused > 0 ? ` ${paused} digest(s) and alert(s) are paused until you connect again.` : "";
  const text = `Placewise access removed from this workspace; its token is deleted.${also} To connect again, ${HOW}.`;
  return { text, blocks: [section(text)] };
}

export function notConnectedToDisconnectReply(): Reply {
  return { text: `This workspace has no Placewise access to remove. To add one, ${HOW}.` };
}

export function onlyAdminsReply(): Reply {
  return { text: "Only a workspace admin or owner can connect or disconnect Placewise access." };
}

/** The modal: customer id, kind of token, token. `private_metadata` carries the channel to answer in. */
export function connectModal(channelId: string | null): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: CONNECT_CALLBACK_ID,
    private_metadata: channelId ?? "",
    title: { type: "plain_text", text: "Connect Placewise" },
    submit: { type: "plain_text", text: "Check and save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "The token is checked with one small query before it is saved, and stored encrypted. Only this workspace's reports use it.",
        },
      },
      {
        type: "input",
        block_id: CONNECT_BLOCKS.customer.block,
        label: { type: "plain_text", text: "Customer id" },
        hint: { type: "plain_text", text: "Your loyalty club's id, e.g. 1000941 (or id=1000941)." },
        element: { type: "plain_text_input", action_id: CONNECT_BLOCKS.customer.action, max_length: 100 },
      },
      {
        type: "input",
        block_id: CONNECT_BLOCKS.kind.block,
        label: { type: "plain_text", text: "Kind of token" },
        element: {
          type: "static_select",
          action_id: CONNECT_BLOCKS.kind.action,
          initial_option: { text: { type: "plain_text", text: "Client token" }, value: "client" },
          options: [
            { text: { type: "plain_text", text: "Client token" }, value: "client" },
            { text: { type: "plain_text", text: "User token" }, value: "user" },
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
export function connectionBlocks(c: { connected: boolean; customer: string | null }): Block[] {
  const line = c.connected
    ? `:white_check_mark: Placewise connected (customer ${escapeMrkdwn(c.customer ?? "?")}). \`/offers disconnect\` removes it.`
    : ":electric_plug: Placewise is not connected: reports, digests and alerts need your customer id and a token.";
  return [
    section(line),
    actions([
      button(
        c.connected ? "Change Placewise access" : "Connect Placewise",
        CONNECT_ACTION_ID,
        "open",
        c.connected ? {} : { style: "primary" },
      ),
    ]),
    context(["Only workspace admins and owners can change it."]),
  ];
}

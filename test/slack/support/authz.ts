/**
 * For the authorization tests: a second channel the bot sits in (#general), the answers a person
 * sees after a command or a press, and what everyone sees in a channel.
 */
import { expect } from "vitest";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import type { AppHarness } from "./harness.ts";
import type { Button, Who } from "./requests.ts";
import { shown } from "./text.ts";
import { waitFor } from "./wait.ts";
import { extraChannelId } from "./workspace.ts";

/** Public, with the bot and every person in it (the harness's first extra channel). */
export const GENERAL = extraChannelId(0);

/** What `who` sees only for themselves after a command: the ack's text or the response_url answer. */
export async function ask(h: AppHarness, text: string, who: Partial<Who> = {}): Promise<string> {
  const sent = await h.command(text, who);
  expect(sent.ack.status).toBe(200);
  const inAck = sent.ack.json?.text;
  if (inAck !== undefined && !inAck.includes("Working on it")) return inAck;
  return shown(await h.ephemeral(sent, 15_000));
}

/** Messages everyone in the channel sees (no ephemerals). */
export function visible(h: AppHarness, channel: string): EmulatorMessage[] {
  return h.emulator.messagesIn(channel);
}

/** Presses `button` on `message` as `who` and returns the new ephemeral answer to them in that channel. */
export async function pressFor(
  h: AppHarness,
  message: EmulatorMessage,
  button: Button,
  who: Partial<Who> & { userId: string },
): Promise<string> {
  const channel = message.channel;
  const since = h.emulator.messagesIn(channel, { ephemeral: true }).length;
  const ack = await h.press(message, button, who);
  expect(ack.status).toBe(200);
  const answer = await waitFor(
    h.emulator,
    () =>
      h.emulator
        .messagesIn(channel, { ephemeral: true })
        .slice(since)
        .find((m) => m.ephemeral && m.ephemeralUser === who.userId),
    `an answer to ${button.action_id} for ${who.userId}`,
    // Generous: the machine running the tests may be shared; the answer itself takes milliseconds.
    10_000,
  );
  return shown(answer);
}

/** A button as Slack would send it for item #id, whatever message it is pressed on. */
export function itemButton(actionId: string, id: number, text = actionId): Button {
  return { action_id: actionId, block_id: `item_${id}`, value: String(id), text };
}

/** The refusal from a channel the item is not in: names the id and `/offers list`, nothing else. */
export function expectNotHere(answer: string, id: number, secrets: readonly string[]): void {
  expect(answer).toContain(`#${id} is not in this channel`);
  expect(answer).toContain("`/offers list` shows this channel's ids");
  for (const s of secrets) expect(answer).not.toContain(s);
}

/** Another workspace's id is answered word for word like an id nobody has. */
export function expectNoSuch(answer: string, id: number): void {
  expect(answer).toContain(`There is no subscription or alert #${id} in this workspace.`);
}

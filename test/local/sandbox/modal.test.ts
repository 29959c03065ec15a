/**
 * Modals through the sandbox routes, without a browser: a pick reaches the bot as a signed
 * block_actions from the view; Submit as a signed view_submission, whose `response_action: errors`
 * comes back to the page with the modal left open, while an empty ack closes it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { nth, postJson, type SandboxServer, startSandbox, startSignedEndpoint, USER } from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const VIEW = {
  type: "modal",
  callback_id: "od_digest_form",
  title: { type: "plain_text", text: "New digest" },
  submit: { type: "plain_text", text: "Create" },
  blocks: [
    {
      type: "input",
      block_id: "od_time",
      dispatch_action: true,
      label: { type: "plain_text", text: "Time" },
      element: { type: "plain_text_input", action_id: "od_digest_input" },
    },
  ],
};
const VALUES = { od_time: { od_digest_input: { type: "plain_text_input", value: "25:00" } } };

async function setup(answer: Parameters<typeof startSignedEndpoint>[0]) {
  const bot = await startSignedEndpoint(answer);
  const sb: SandboxServer = await startSandbox(bot.url);
  cleanup.push(bot.close, sb.close);
  const opened = await sb.client.views.open({ trigger_id: "1.sandbox", view: VIEW as never });
  return { bot, sb, viewId: opened.view?.id as string };
}

describe("modals in the sandbox", () => {
  it("a pick is a signed block_actions from the view with the values the page sent", async () => {
    const { bot, sb, viewId } = await setup(() => ({ status: 200 }));
    const res = await postJson(`${sb.origin}/sandbox/view-action`, {
      view_id: viewId,
      block_id: "od_time",
      values: VALUES,
    });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    const p = JSON.parse(nth(bot.received, 0).form.get("payload") ?? "null");
    expect(p).toMatchObject({
      type: "block_actions",
      user: { id: USER },
      container: { type: "view", view_id: viewId },
      view: { id: viewId, callback_id: "od_digest_form", state: { values: VALUES } },
      actions: [{ action_id: "od_digest_input", block_id: "od_time", value: "25:00" }],
    });
  });

  it("field errors in the ack come back to the page and the modal stays open", async () => {
    const errors = { od_time: "`25:00` is not a time" };
    const { sb, viewId } = await setup(() => ({
      status: 200,
      type: "application/json",
      body: JSON.stringify({ response_action: "errors", errors }),
    }));
    const res = await postJson(`${sb.origin}/sandbox/view-submit`, { view_id: viewId, values: VALUES });
    expect(await res.json()).toEqual({ ok: false, status: 200, errors });
    expect(sb.emulator.modals.get(viewId)?.closed).toBe(false);
    const state = (await (await fetch(`${sb.origin}/sandbox/state`)).json()) as { modal: unknown };
    expect(state.modal).toMatchObject({ id: viewId, closed: false });
  });

  it("an empty ack closes the modal, and the page's state says there is none", async () => {
    const { bot, sb, viewId } = await setup(() => ({ status: 200 }));
    const res = await postJson(`${sb.origin}/sandbox/view-submit`, { view_id: viewId, values: VALUES });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    expect(JSON.parse(nth(bot.received, 0).form.get("payload") ?? "null")).toMatchObject({
      type: "view_submission",
      view: { id: viewId, state: { values: VALUES } },
    });
    expect(sb.emulator.modals.get(viewId)?.closed).toBe(true);
    expect(
      ((await (await fetch(`${sb.origin}/sandbox/state`)).json()) as { modal: unknown }).modal,
    ).toBeNull();
    const again = await postJson(`${sb.origin}/sandbox/view-submit`, { view_id: viewId, values: VALUES });
    expect(again.status).toBe(404);
  });

  it("a request without a view id is refused, naming what it needs", async () => {
    const { sb } = await setup(() => ({ status: 200 }));
    const res = await postJson(`${sb.origin}/sandbox/view-action`, { values: VALUES });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("view_id, block_id and values");
  });
});

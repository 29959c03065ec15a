/**
 * A workspace's life after install: the Home tab offers to connect Placewise (admins only),
 * `tokens_revoked` ends the installation like `app_uninstalled`, a reinstall brings the paused
 * digests back waiting for `/offers connect`, which resumes them; `/offers disconnect` pauses them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_LABEL } from "../../../src/delivery/demo-label.ts";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { DISCONNECTED_REASON } from "../../../src/store/team-lifecycle.ts";
import { buttonsIn, FORM, homeActionBody, messageActionBody, signedHeaders } from "../support/requests.ts";
import { type OAuthHarness, startOAuthApp, TEAMS } from "./harness.ts";

describe("a workspace's life after install", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthApp({ role: "web" });
    expect((await h.install("a")).status).toBe(200);
  }, 30_000);
  afterAll(() => h?.close());

  const subState = async (id: number) =>
    h.runtime.deps.db
      .selectFrom("subscriptions")
      .select(["state", "paused_reason"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  test("the Home tab shows the connection with a button that opens the modal for an admin only", async () => {
    const view = async (user: string) => {
      await h.event("a", { type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home" });
      await expect.poll(() => h.ws("a").views.get(user), { timeout: 5_000 }).toBeDefined();
      return h.ws("a").views.get(user);
    };
    const home = await view(TEAMS.a.admin);
    expect(JSON.stringify(home?.view)).toContain("Placewise is not connected");
    const press = async (user: string) => {
      const published = h.ws("a").views.get(user);
      if (published === undefined) throw new Error("no Home view");
      const body = homeActionBody({ teamId: TEAMS.a.teamId, channelId: "", userId: user }, published, {
        action_id: "placewise_connect_open",
        block_id: "",
        value: "open",
        text: "Connect Placewise",
      });
      await fetch(`${h.appUrl}/slack/events`, { method: "POST", headers: signedHeaders(body, FORM), body });
    };
    await view(TEAMS.a.member);
    const before = h.ws("a").modals.length;
    await press(TEAMS.a.member);
    await press(TEAMS.a.admin);
    await expect.poll(() => h.ws("a").modals.length, { timeout: 5_000 }).toBe(before + 1);
  });

  test("/offers disconnect pauses the digests; /offers connect resumes them", async () => {
    expect((await h.connect("a", "1000941", SIM_TOKENS.client)).status).toBe(200);
    const sub = await h.command("a", "subscribe daily 08:00 last 24h interval=1h");
    const id = Number(/#(\d+)/.exec((await h.ephemeral("a", sub.since)).text)?.[1]);
    expect((await subState(id)).state).toBe("active");
    const off = await h.command("a", "disconnect");
    expect(off.ack.json?.text).toContain("token is deleted");
    expect(await subState(id)).toEqual({ state: "paused", paused_reason: DISCONNECTED_REASON });
    expect((await h.command("a", "report last 24h interval=1h")).ack.json?.text).toContain("/offers connect");
    // Run now on the list: told how to connect, nothing fetched or posted.
    const list = await h.command("a", "list");
    const listed = await h.ephemeral("a", list.since);
    const run = buttonsIn(listed.blocks).find((b) => b.action_id === "item_run");
    expect(run).toBeDefined();
    const who = { teamId: TEAMS.a.teamId, channelId: TEAMS.a.channel, userId: TEAMS.a.admin };
    const since = h.ws("a").messagesIn(TEAMS.a.channel, { ephemeral: true }).length;
    const body = messageActionBody(
      who,
      listed,
      run as NonNullable<typeof run>,
      h.ws("a").responseUrl(who.channelId, who.userId, listed.ts),
    );
    await fetch(`${h.appUrl}/slack/events`, { method: "POST", headers: signedHeaders(body, FORM), body });
    expect((await h.ephemeral("a", since)).text).toContain("has not connected its Placewise access");
    expect((await h.connect("a", "1000941", SIM_TOKENS.client)).status).toBe(200);
    expect((await subState(id)).state).toBe("active");
  });

  test("tokens_revoked ends the installation; a reinstall waits for /offers connect, which resumes the digests", async () => {
    const id = Number(
      (await h.runtime.deps.db.selectFrom("subscriptions").select("id").executeTakeFirstOrThrow()).id,
    );
    // User tokens alone revoked: nothing changes.
    await h.event("a", { type: "tokens_revoked", tokens: { oauth: ["U0ADMINA"] } });
    expect((await subState(id)).state).toBe("active");
    await h.event("a", { type: "tokens_revoked", tokens: { bot: ["U0BOTMALLA"] } });
    expect((await subState(id)).state).toBe("paused");
    const rows = await h.runtime.deps.db.selectFrom("placewise_connections").selectAll().execute();
    expect(rows).toHaveLength(0);
    expect((await h.install("a")).status).toBe(200);
    expect(await subState(id)).toEqual({ state: "paused", paused_reason: DISCONNECTED_REASON });
    expect((await h.connect("a", "1000941", SIM_TOKENS.client)).status).toBe(200);
    expect((await subState(id)).state).toBe("active");
  });

  test("demo data: admins only, every message labelled, replaced by a real connection", async () => {
    expect((await h.install("b")).status).toBe(200);
    expect((await h.command("b", "report last 24h interval=1h")).ack.json?.text).toContain(
      "/offers connect demo",
    );
    expect((await h.command("b", "connect demo", "member")).ack.json?.text).toContain(
      "Only a workspace admin",
    );
    const on = await h.command("b", "connect demo");
    expect(on.ack.json?.text).toContain("Demo data connected");
    const demo = await h.command("b", "report last 24h interval=1h");
    const posted = await h.posted("b", demo.since);
    expect(posted.text.startsWith(DEMO_LABEL)).toBe(true);
    expect(JSON.stringify(posted.blocks?.[0])).toContain("Demo data from the built-in simulator");
    expect(posted.text).toMatch(/Total: [\d,]+/);
    expect((await h.connect("b", "1000942", SIM_TOKENS.client)).status).toBe(200);
    const real = await h.command("b", "report last 24h interval=1h");
    const after = await h.posted("b", real.since);
    expect(after.text).not.toContain(DEMO_LABEL);
    expect(after.text).toContain("Europe/Helsinki");
  });
});

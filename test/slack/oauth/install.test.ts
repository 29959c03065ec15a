/**
 * "Add to Slack" end to end over HTTP: the install page, Slack's Allow page (the emulator's), the
 * redirect with its state checked against this browser's cookie, the code exchanged once with the
 * client secret, and the installation stored sealed. Every refusal stores nothing.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type OAuthHarness, startOAuthApp, TEAMS } from "./harness.ts";

async function installations(h: OAuthHarness): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from slack_installations where sealed is not null`.execute(h.runtime.deps.db);
  return Number(r.rows[0]?.n ?? 0);
}

describe("Add to Slack", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthApp({ role: "web" });
  }, 30_000);
  afterAll(() => h?.close());

  test("the install page offers Add to Slack with Slack's Allow page, our client id, the scopes and a signed state", async () => {
    const res = await fetch(`${h.appUrl}/slack/install`);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/slack-app-oauth-state=[^;]+;.*HttpOnly/i);
    const page = await res.text();
    const href = /id="add-to-slack" href="([^"]+)"/.exec(page)?.[1]?.replaceAll("&#38;", "&") ?? "";
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe(h.emulator.authorizeUrl);
    expect(url.searchParams.get("client_id")).toBe("1111.2222");
    expect(url.searchParams.get("scope")).toContain("chat:write");
    expect(url.searchParams.get("state")?.split(".")).toHaveLength(3);
  });

  test("walking the install stores one installation and the workspace answers /offers with its own token", async () => {
    const walk = await h.install("a");
    expect(walk.status).toBe(200);
    expect(walk.page).toContain("offer-digest is installed in Mall A");
    expect(await installations(h)).toBe(1);
    const sent = await h.command("a", "help");
    expect(sent.ack.status).toBe(200);
    // Help is answered through response_url; the Slack calls carry Mall A's token (the emulator checks it).
    const tokens = h.ws("a").tokens;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^xoxb-T0MALLA-/);
  });

  test("a changed state is refused and nothing is stored", async () => {
    // A real walk gives a real state and code; the tampered copy is then sent with a fresh code.
    const walk = await h.install("b");
    expect(walk.status).toBe(200);
    const before = await installations(h);
    const tokens = h.ws("b").tokens.length;
    const url = new URL(walk.redirectUrl);
    const state = url.searchParams.get("state") ?? "";
    const [head, body, sig] = state.split(".");
    const forged = JSON.parse(Buffer.from(body as string, "base64url").toString()) as Record<string, unknown>;
    forged.now = new Date().toJSON();
    const tampered = `${head}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${sig}`;
    url.searchParams.set("state", tampered);
    const res = await fetch(url, { headers: { cookie: `slack-app-oauth-state=${tampered}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not started in this browser, was changed");
    expect(await installations(h)).toBe(before);
    expect(h.ws("b").tokens).toHaveLength(tokens);
  });

  test("a state from another browser (no cookie, or another cookie) is refused", async () => {
    const start = await fetch(`${h.appUrl}/slack/install`);
    const href =
      /id="add-to-slack" href="([^"]+)"/.exec(await start.text())?.[1]?.replaceAll("&#38;", "&") ?? "";
    const state = new URL(href).searchParams.get("state") ?? "";
    for (const cookie of [undefined, "slack-app-oauth-state=someone-elses"]) {
      const res = await fetch(
        `${h.appUrl}/slack/oauth_redirect?code=anything&state=${encodeURIComponent(state)}`,
        {
          headers: cookie === undefined ? {} : { cookie },
        },
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("not started in this browser");
    }
  });

  test("a code used once already is refused by Slack, and the install page says so", async () => {
    const walk = await h.install("a");
    expect(walk.status).toBe(200);
    const tokensBefore = h.ws("a").tokens.length;
    const again = await fetch(walk.redirectUrl, { headers: { cookie: walk.cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Installation failed");
    const refused = h.emulator.callsOf("oauth.v2.access").at(-1);
    expect(refused?.outcome).toBe("invalid_code");
    // Slack revokes what a replayed code gave: the next install mints a fresh token.
    expect(h.ws("a").tokens.length).toBeLessThan(tokensBefore);
  });
});

describe("Add to Slack with a wrong client secret", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthApp({ role: "web", env: { SLACK_CLIENT_SECRET: "not-the-secret" } });
  }, 30_000);
  afterAll(() => h?.close());

  test("is refused by oauth.v2.access and stores nothing", async () => {
    const walk = await h.install("a");
    expect(walk.status).toBe(400);
    expect(walk.page).toContain("Installation failed");
    expect(h.emulator.callsOf("oauth.v2.access").at(-1)?.outcome).toBe("bad_client_secret");
    expect(await installations(h)).toBe(0);
    expect(h.ws("a").tokens).toHaveLength(0);
    expect(TEAMS.a.teamId).toBe("T0MALLA");
  });
});

/**
 * slack-app-manifest.json creates an app that can do everything the bot does: the scopes cover
 * every Web API method the bot actually calls in a session, and /offers, buttons and the Home tab
 * all reach POST /slack/events.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp } from "../support/harness.ts";
import { signedHeaders } from "../support/requests.ts";
import { idIn, shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { USERS } from "../support/workspace.ts";

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(
  readFileSync(new URL("../../../slack-app-manifest.json", import.meta.url), "utf8"),
) as Manifest;

/** The bot scope each Web API method needs (Slack's method reference); null: none. */
const SCOPE_OF: Record<string, readonly string[] | null> = {
  "auth.test": null,
  "views.publish": null,
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  "conversations.info": ["channels:read", "groups:read"],
  "conversations.history": ["channels:history", "groups:history"],
  "conversations.replies": ["channels:history", "groups:history"],
  "conversations.open": ["im:write"],
  "users.info": ["users:read"],
};

const EVENTS_URL = "https://YOUR-HOST/slack/events";

describe("slack-app-manifest.json", () => {
  test("has the scopes the issue lists, and no others", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        "commands",
        "chat:write",
        "files:write",
        "channels:read",
        "groups:read",
        "channels:history",
        "groups:history",
        "users:read",
        "im:write",
        "im:history",
      ].sort(),
    );
  });

  test("sends /offers, button presses and app_home_opened to POST /slack/events over HTTP", () => {
    const [offers, ...others] = manifest.features.slash_commands;
    expect(others).toHaveLength(0);
    expect(offers?.command).toBe("/offers");
    expect(offers?.url).toBe(EVENTS_URL);
    expect(offers?.usage_hint).toContain("report last 7d interval=1d");
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(manifest.settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});

describe("the manifest's scopes against what the bot calls", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("every Web API method used in a session of report, subscribe, pause by an admin, list and Home is granted", async () => {
    const report = await h.command("report last 7d interval=1d");
    await h.posted(report);
    const sub = await h.command("subscribe daily 08:00 last 24h interval=1h");
    const id = idIn(shown(await h.ephemeral(sub)));
    await h.ephemeral(await h.command(`pause ${id}`, { userId: USERS.admin.id }));
    await h.ephemeral(await h.command("list"));
    await h.homeOpened(USERS.creator.id);
    await waitFor(h.emulator, () => h.emulator.views.get(USERS.creator.id), "the Home view");

    const granted = new Set(manifest.oauth_config.scopes.bot);
    const methods = [...new Set(h.emulator.calls.map((c) => c.method))].sort();
    expect(methods).toEqual(
      expect.arrayContaining(["chat.postMessage", "files.completeUploadExternal", "users.info"]),
    );
    for (const method of methods) {
      expect(SCOPE_OF, `no scope known for ${method}`).toHaveProperty([method]);
      const needs = SCOPE_OF[method];
      if (needs) for (const scope of needs) expect(granted, `${method} needs ${scope}`).toContain(scope);
    }
  });
});

describe("the Event Subscriptions URL", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("answers Slack's signed url_verification challenge, so the URL can be saved in the app settings", async () => {
    const body = JSON.stringify({
      token: "deprecated",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const ack = await h.post(body, signedHeaders(body, "application/json"));
    expect(ack.status).toBe(200);
    expect(ack.body).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });
});

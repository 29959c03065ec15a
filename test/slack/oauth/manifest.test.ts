/** slack-app-manifest.json can be installed with "Add to Slack": redirect URL, lifecycle events, the scopes asked for. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES } from "../../../src/slack/oauth/scopes.ts";

const manifest = JSON.parse(
  readFileSync(new URL("../../../slack-app-manifest.json", import.meta.url), "utf8"),
) as {
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};

describe("the app manifest for many workspaces", () => {
  it("names /slack/oauth_redirect as the redirect URL", () => {
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://YOUR-HOST/slack/oauth_redirect"]);
  });

  it("subscribes to the events that end an installation", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_home_opened", "app_uninstalled", "tokens_revoked"]),
    );
  });

  it("asks for exactly the scopes the installer requests", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });
});

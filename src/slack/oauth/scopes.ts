/** The bot scopes "Add to Slack" asks for; slack-app-manifest.json lists the same (test/slack/oauth). */
export const BOT_SCOPES = [
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
] as const;

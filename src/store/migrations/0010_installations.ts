/**
 * "Add to Slack" for many workspaces (issue 14): one row per installation as Bolt keys them (a
 * workspace `T:<team>`, or an org-wide install `E:<enterprise>`), one row per workspace's Placewise
 * access, and which org-wide install serves a workspace. Tokens are stored sealed (AES-256-GCM,
 * src/util/seal.ts); the clear columns are ids and times only, so a dump shows no token.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("slack_installations")
    .addColumn("install_key", "text", (c) => c.primaryKey())
    .addColumn("team_id", "text")
    .addColumn("enterprise_id", "text")
    .addColumn("is_enterprise_install", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bot_user_id", "text")
    // Bolt's whole Installation object (bot and user tokens inside), sealed; null once uninstalled.
    .addColumn("sealed", "text")
    .addColumn("installed_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("uninstalled_at", "bigint")
    .execute();
  await db.schema
    .createTable("slack_team_links")
    .addColumn("team_id", "text", (c) => c.primaryKey())
    .addColumn("install_key", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("placewise_connections")
    .addColumn("team_id", "text", (c) => c.primaryKey())
    .addColumn("customer", "text", (c) => c.notNull())
    .addColumn("token_kind", "text", (c) => c.notNull())
    .addColumn("sealed_token", "text", (c) => c.notNull())
    .addColumn("timezone", "text")
    .addColumn("connected_by", "text", (c) => c.notNull())
    .addColumn("connected_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("placewise_connections").execute();
  await db.schema.dropTable("slack_team_links").execute();
  await db.schema.dropTable("slack_installations").execute();
}

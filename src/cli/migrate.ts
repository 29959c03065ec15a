/**
 * `npx offer-digest migrate`: applies pending migrations to DATABASE_URL (the Procfile's release step).
 * Prints one line per applied migration; a failure is one line from src/cli.ts's handler, with the
 * URL's password replaced by ***.
 */
import { loadConfig } from "../config.ts";
import { openDatabase } from "../store/db.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { redactUrl } from "../util/redact.ts";
import { parseArgs } from "./args.ts";

export async function run(args: string[]): Promise<number> {
  parseArgs(args, []);
  const { databaseUrl } = loadConfig();
  const where = redactUrl(databaseUrl);
  const database = await openDatabase(databaseUrl);
  try {
    const { applied } = await migrateToLatest(database.db);
    for (const name of applied) console.log(`applied ${name}`);
    console.log(
      applied.length === 0
        ? `${where}: already up to date.`
        : `${where}: ${applied.length} migration(s) applied.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

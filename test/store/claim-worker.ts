/**
 * A separate worker process for runs-processes.test.ts: opens the database, says "ready", waits for
 * "go" on stdin (so all workers race together), claims every minute in the range for one
 * subscription and prints the minutes it won as JSON. Not a test file itself.
 */
import { once } from "node:events";
import { openDatabase } from "../../src/store/db.ts";
import { claimRun } from "../../src/store/runs.ts";

const [url, teamId, subscriptionId, from, count] = process.argv.slice(2);
const database = await openDatabase(url as string);
process.stdout.write("ready\n");
await once(process.stdin, "data");
const won: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const scheduledAt = Number(from) + i * 60_000;
  const run = await claimRun(database.db, {
    teamId: teamId as string,
    subscriptionId: Number(subscriptionId),
    scheduledAt,
    owner: `pid-${process.pid}`,
    leaseMs: 300_000,
    now: Number(from),
    late: false,
  });
  if (run !== null) won.push(scheduledAt);
}
await database.close();
process.stdout.write(JSON.stringify(won));

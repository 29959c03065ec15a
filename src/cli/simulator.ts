/**
 * `npx offer-digest simulator [--port N] [--seed N] [--latency MS]`: the Placewise simulator alone,
 * on 127.0.0.1, until SIGINT or SIGTERM.
 */
import { QUERY_PATH, SIM_TOKENS, startSimulator } from "../local/placewise-simulator/index.ts";
import { InputError } from "../util/errors.ts";
import { parseArgs } from "./args.ts";

/** Default port; 4010 is free on most machines and far from the bot's 3000. */
const DEFAULT_PORT = 4010;

function intFlag(value: string | true | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isInteger(n) || n < 0 || n > max) {
    throw new InputError(
      `--${name} must be a whole number from 0 to ${max}, got "${String(value)}"`,
      String(value),
    );
  }
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["port", "seed", "latency"]);
  const port = intFlag(args.flags.get("port"), "port", DEFAULT_PORT, 65_535);
  const seed = intFlag(args.flags.get("seed"), "seed", 1, 2 ** 31);
  const latencyMs = intFlag(args.flags.get("latency"), "latency", 0, 600_000);
  const sim = await startSimulator({ testHooks: true, port, seed, latencyMs });
  const lines = [
    `Placewise simulator listening on ${sim.url} (seed ${seed}, latency ${latencyMs} ms)`,
    `  query:  POST ${sim.url}${QUERY_PATH}`,
    `  admin:  POST/DELETE ${sim.url}/__admin/faults, POST ${sim.url}/__admin/latency, GET ${sim.url}/__admin/clubs`,
    "  clubs (X-Customer: id=<id>):",
    ...sim.clubs.map(
      (c) =>
        `    ${c.id}  ${c.name} (${c.timezone}, ${c.stores.length} stores, ${c.memberPlaces.length} member places)`,
    ),
    "  tokens:",
    `    Authorization: Bearer ${SIM_TOKENS.user}`,
    `    X-Client-Authorization: ${SIM_TOKENS.client}`,
    `    (403 without permit: ${SIM_TOKENS.clientWithoutPermit}; 402 without feature: ${SIM_TOKENS.clientWithoutFeature})`,
    `  e.g. PLACEWISE_API_URL=${sim.url} PLACEWISE_USER_TOKEN=${SIM_TOKENS.user} PLACEWISE_CUSTOMER=id=${sim.clubs[0]?.id}`,
  ];
  console.log(lines.join("\n"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await sim.close();
  console.log("Placewise simulator stopped");
  return 0;
}

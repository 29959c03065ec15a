/**
 * `npx offer-digest <command>`: one file per command under src/cli/, loaded on demand so that
 * `backtest` does not pay for Vega and `simulator` does not open a database.
 */
import { InputError } from "./util/errors.ts";
import { redactUrlsIn } from "./util/redact.ts";
import { installZoneOffsetMemo } from "./util/zone-offsets.ts";

const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }
> = {
  query: {
    summary: 'query "last 30d interval=1h by=member_gender" [--json]',
    load: () => import("./cli/query.ts"),
  },
  render: {
    summary: 'render --query "last 7d interval=1d" --out chart.png [--force]',
    load: () => import("./cli/render.ts"),
  },
  digest: {
    summary: 'digest --query "last 24h interval=1h" --out DIR [--csv] [--force]',
    load: () => import("./cli/digest.ts"),
  },
  backtest: {
    summary: 'backtest --csv FILE --rule "anomaly" [--json]',
    load: () => import("./cli/backtest.ts"),
  },
  simulator: { summary: "simulator [--port N] [--seed N]", load: () => import("./cli/simulator.ts") },
  migrate: { summary: "migrate", load: () => import("./cli/migrate.ts") },
  serve: {
    summary: "serve [all|web|worker]   (npm start = serve all)",
    load: () => import("./cli/serve.ts"),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  npx offer-digest ${c.summary}`);
  return `Usage:\n${lines.join("\n")}`;
}

async function main(argv: string[]): Promise<number> {
  installZoneOffsetMemo();
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(
      `Unknown command "${name}": must be one of ${Object.keys(COMMANDS).join(", ")}.\n${usage()}`,
    );
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (e) {
    // One top-level handler: a person gets one clear line, never a stack trace, for their own mistakes.
    if (e instanceof InputError) {
      console.error(e.message);
      return 2;
    }
    const err = e as Error & { code?: string };
    // A library's message may carry a configured URL (Slack's, a driver's): never its password.
    const message = redactUrlsIn(err.message);
    console.error(`offer-digest ${name} failed: ${message}${err.code ? ` (${err.code})` : ""}`);
    return 1;
  }
}

// `offer-digest backtest ... | head` closes the pipe early: the reader has what it wanted.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));

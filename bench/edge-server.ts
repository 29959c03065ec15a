/**
 * The server side of bench/edge.ts, in its own process so its RSS is its own. Argument `edge`: the
 * bot's web server (10 s timeouts) with the edge gate in front of Bolt; `bolt`: Bolt's HTTPReceiver
 * listener on a plain Node server with Node's defaults, which is what served /slack/events before.
 * Prints `port <n>`; answers `rss` on stdin with `rss <bytes>`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { App, HTTPReceiver } from "@slack/bolt";
import { slackEdge } from "../src/slack/edge/gate.ts";
import { silentLogger } from "../src/util/log.ts";
import { startWebServer } from "../src/web.ts";

const SECRET = "bench-secret";
const mode = process.argv[2];
const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: "/slack/events" });
new App({ token: "xoxb-bench", receiver, deferInitialization: true });

let port: number;
if (mode === "edge") {
  const web = await startWebServer(0, "127.0.0.1");
  web.setHandler(
    slackEdge(receiver.requestListener, { signingSecret: SECRET, path: "/slack/events", log: silentLogger }),
  );
  port = web.port;
} else {
  const server = createServer(receiver.requestListener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
}
console.log(`port ${port}`);
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "rss") console.log(`rss ${process.memoryUsage().rss}`);
});

import type { App } from "@slack/bolt";
import type { BotDeps } from "../../deps.ts";
import { offersCommand } from "./offers.ts";

export function register(app: App, deps: BotDeps): void {
  app.command("/offers", (args) => offersCommand(deps, args));
}

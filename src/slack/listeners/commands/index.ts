import type { App } from "@slack/bolt";
import type { AppDeps } from "../../../app/deps.ts";
import { offersCommand } from "./offers.ts";

export function register(app: App, deps: AppDeps): void {
  app.command("/offers", (args) => offersCommand(deps, args));
}

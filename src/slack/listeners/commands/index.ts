import type { App } from "@slack/bolt";
import type { AppDeps } from "../../../app/deps.ts";
import { teamCommand } from "./team.ts";

export function register(app: App, deps: AppDeps): void {
  app.command("/offers", (args) => teamCommand(deps, args));
}

import type { App } from "@slack/bolt";
import type { AppDeps } from "../../../app/deps.ts";
import { publishHome } from "../../item-views.ts";
import { withTeam } from "../team.ts";
import { registerLifecycle } from "./lifecycle.ts";

export function register(app: App, deps: AppDeps): void {
  // The Home tab is rebuilt each time it is opened, and after every change (see items.ts).
  app.event("app_home_opened", async ({ event, body }) => {
    if (event.tab === "home")
      await withTeam(deps, body.team_id, (d) => publishHome(d, body.team_id, event.user));
  });
  registerLifecycle(app, deps);
}

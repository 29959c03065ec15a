import { systemClock } from "../../util/clock.ts";
import { sendAsset, sendFile } from "./assets.ts";
import { EventStreams } from "./events.ts";
import { guarded, readJson, sendJson } from "./http.ts";
import { type ActionRequest, type Bot, openHome, sendAction, sendCommand } from "./interactions.ts";
import { cleanValues, closeView, sendViewAction, submitView } from "./modals.ts";
import { SANDBOX_APP_ID } from "./payloads.ts";
import { type SandboxDeps, SandboxError, type SandboxRoute } from "./types.ts";
import { pageState, type ViewScope } from "./view.ts";

export { isLoopbackAddress } from "./guard.ts";
export { type SlackSignatureHeaders, signSlackRequest } from "./sign.ts";
export type { SandboxDeps, SandboxHandler, SandboxRoute } from "./types.ts";
export { SandboxError } from "./types.ts";
export type { PageMessage, PageState } from "./view.ts";

export interface Sandbox {
  /** Bolt HTTPReceiver `customRoutes`. Mount only in sandbox mode (no Slack credentials). */
  routes: SandboxRoute[];
  /** Ends open event streams and unhooks from the emulator; call before stopping the server. */
  close(): void;
}

/**
 * The local Slack page and the routes behind it: the page's command and button presses become
 * signed requests to the bot's real /slack/events, and the emulator's changes stream back live.
 */
export function createSandbox(deps: SandboxDeps): Sandbox {
  const clock = deps.clock ?? systemClock;
  const scope: ViewScope = {
    channelId: deps.channelId,
    userId: deps.userId,
    userName: deps.userName,
    botName: deps.botName ?? "offer-digest",
  };
  const bot: Bot = {
    emulator: deps.emulator,
    who: {
      teamId: deps.teamId,
      channelId: deps.channelId,
      channelName: deps.channelName,
      userId: deps.userId,
      userName: deps.userName,
      botUserId: deps.emulator.botUserId,
      apiAppId: SANDBOX_APP_ID,
    },
    signingSecret: deps.signingSecret,
    eventsUrl: typeof deps.eventsUrl === "string" ? () => deps.eventsUrl as string : deps.eventsUrl,
    now: () => clock.now(),
  };
  const streams = new EventStreams(deps.emulator, scope);
  const param = (req: Parameters<SandboxRoute["handler"]>[0], name: string): string => {
    const v = req.params?.[name];
    return Array.isArray(v) ? v.join("/") : (v ?? "");
  };
  const routes: SandboxRoute[] = [
    { path: "/", method: "GET", handler: guarded(false, (_req, res) => sendAsset(res, "index.html")) },
    {
      path: "/sandbox/assets/:name",
      method: "GET",
      handler: guarded(false, (req, res) => sendAsset(res, param(req, "name"))),
    },
    {
      path: "/sandbox/files/:id",
      method: "GET",
      handler: guarded(false, (req, res) => sendFile(res, deps.emulator, param(req, "id"))),
    },
    {
      path: "/sandbox/state",
      method: "GET",
      handler: guarded(false, (_req, res) => {
        const state = pageState(
          {
            ...scope,
            teamId: deps.teamId,
            channelName: deps.channelName,
            runDue: deps.runDueNow !== undefined,
          },
          deps.emulator,
        );
        sendJson(res, 200, state);
      }),
    },
    { path: "/sandbox/events", method: "GET", handler: guarded(false, (_req, res) => streams.attach(res)) },
    {
      path: "/sandbox/command",
      method: "POST",
      handler: guarded(true, async (req, res) => {
        const body = await readJson(req);
        if (typeof body.text !== "string")
          throw new SandboxError("bad_request", "send { text: '/offers ...' }", 400);
        sendJson(res, 200, await sendCommand(bot, body.text));
      }),
    },
    {
      path: "/sandbox/action",
      method: "POST",
      handler: guarded(true, async (req, res) =>
        sendJson(res, 200, await sendAction(bot, actionRequest(await readJson(req)))),
      ),
    },
    {
      path: "/sandbox/view-action",
      method: "POST",
      handler: guarded(true, async (req, res) => {
        const body = await readJson(req);
        const { viewId, blockId } = viewRequest(body, true);
        sendJson(res, 200, await sendViewAction(bot, viewId, blockId, cleanValues(body.values)));
      }),
    },
    {
      path: "/sandbox/view-submit",
      method: "POST",
      handler: guarded(true, async (req, res) => {
        const body = await readJson(req);
        sendJson(res, 200, await submitView(bot, viewRequest(body, false).viewId, cleanValues(body.values)));
      }),
    },
    {
      path: "/sandbox/view-close",
      method: "POST",
      handler: guarded(true, async (req, res) => {
        sendJson(res, 200, closeView(bot, viewRequest(await readJson(req), false).viewId));
      }),
    },
    {
      path: "/sandbox/home",
      method: "POST",
      handler: guarded(true, async (req, res) => {
        const { tab = "home" } = await readJson(req);
        if (tab !== "home" && tab !== "messages")
          throw new SandboxError(
            "bad_request",
            `tab is "home" or "messages", not ${JSON.stringify(tab)}`,
            400,
          );
        sendJson(res, 200, await openHome(bot, tab));
      }),
    },
    {
      path: "/sandbox/run-due",
      method: "POST",
      handler: guarded(true, async (_req, res) => {
        if (deps.runDueNow === undefined) {
          throw new SandboxError(
            "not_configured",
            "no scheduler is attached to this sandbox, so nothing can run",
            501,
          );
        }
        const { delivered } = await deps.runDueNow();
        sendJson(res, 200, { ok: true, delivered });
      }),
    },
  ];
  return { routes, close: () => streams.close() };
}

/** The routes alone, for Bolt's `customRoutes`; use createSandbox to be able to close event streams. */
export function sandboxRoutes(deps: SandboxDeps): SandboxRoute[] {
  return createSandbox(deps).routes;
}

function viewRequest(
  body: Record<string, unknown>,
  needsBlock: boolean,
): { viewId: string; blockId: string } {
  const viewId = typeof body.view_id === "string" ? body.view_id : "";
  const blockId = typeof body.block_id === "string" ? body.block_id : "";
  if (viewId === "" || (needsBlock && blockId === "")) {
    throw new SandboxError(
      "bad_request",
      needsBlock ? "a pick in a modal needs view_id, block_id and values" : "send { view_id, values }",
      400,
    );
  }
  return { viewId, blockId };
}

function actionRequest(body: Record<string, unknown>): ActionRequest {
  const text = (k: string): string | undefined =>
    typeof body[k] === "string" ? (body[k] as string) : undefined;
  const actionId = text("action_id");
  const blockId = text("block_id");
  if (actionId === undefined || blockId === undefined) {
    throw new SandboxError(
      "bad_request",
      "a button press needs action_id and block_id (and ts, plus channel for a DM, unless on Home)",
      400,
    );
  }
  const out: ActionRequest = { actionId, blockId };
  for (const [key, field] of [
    ["ts", "ts"],
    ["channel", "channel"],
    ["value", "value"],
    ["text", "text"],
    ["style", "style"],
  ] as const) {
    const v = text(key);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

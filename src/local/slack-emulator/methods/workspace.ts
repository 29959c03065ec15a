import { ApiFailure, json, required } from "../args.ts";
import { blocksProblem } from "../blocks.ts";
import { BOT_ID, type Handler } from "../serialize.ts";

const authTest: Handler = (ctx) => ({
  url: `${ctx.origin}/`,
  team: "Emulated workspace",
  user: "offer-digest",
  team_id: ctx.ws.teamId,
  user_id: ctx.ws.botUserId,
  bot_id: BOT_ID,
  is_enterprise_install: false,
});

const usersInfo: Handler = (ctx) => {
  const user = ctx.ws.users.get(required(ctx.args, "user"));
  if (user === undefined) throw new ApiFailure("user_not_found");
  return {
    user: {
      id: user.id,
      team_id: ctx.ws.teamId,
      name: user.name,
      real_name: user.name,
      is_admin: user.isAdmin === true,
      is_owner: user.isOwner === true,
      is_bot: user.isBot === true,
      deleted: false,
      tz: "Europe/Oslo",
    },
  };
};

/** App Home: one view per user, replaced on every publish; a view allows 100 blocks. */
const viewsPublish: Handler = (ctx) => {
  const { ws, args } = ctx;
  const userId = required(args, "user_id");
  if (!ws.users.has(userId)) throw new ApiFailure("user_not_found");
  const view = json(args, "view", "invalid_arguments");
  if (typeof view !== "object" || view === null || (view as { type?: unknown }).type !== "home") {
    throw new ApiFailure("invalid_arguments", { errors: ["view must be an object with type home"] });
  }
  const problem = blocksProblem((view as { blocks?: unknown }).blocks ?? [], {
    maxBlocks: 100,
    fileReady: (id) => ws.fileReady(id),
  });
  if (problem !== null) throw new ApiFailure("invalid_blocks", { errors: [problem] });
  const published = { user: userId, view: view as Record<string, unknown>, at: ws.clock.now() };
  ws.views.set(userId, published);
  ws.emit("view", published);
  return { view: { id: `V${userId.slice(1)}`, ...published.view } };
};

export const workspaceMethods: Record<string, Handler> = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "views.publish": viewsPublish,
};

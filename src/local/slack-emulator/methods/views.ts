/**
 * Modals: `views.open` with a trigger id, `views.update` by view id (with an optional hash that must
 * match, as Slack's race check). A modal closes when the app acknowledges its submission without a
 * response_action; the emulator cannot see that ack (it goes to whoever sent the submission), so
 * the sender closes it with `closeModal` (index.ts), as Slack's client would.
 * Limits from Slack's reference: 100 blocks a view, title 24 characters, callback_id 255,
 * private_metadata 3000.
 */
import { ApiFailure, json, required, str } from "../args.ts";
import { blocksProblem } from "../blocks.ts";
import type { Handler } from "../serialize.ts";
import type { OpenModal } from "../types.ts";
import type { Workspace } from "../workspace.ts";

function checkModal(ws: Workspace, view: unknown): Record<string, unknown> {
  if (typeof view !== "object" || view === null || (view as { type?: unknown }).type !== "modal") {
    throw new ApiFailure("invalid_arguments", { errors: ["view must be an object with type modal"] });
  }
  const v = view as Record<string, unknown>;
  const title = (v.title as { text?: unknown } | undefined)?.text;
  if (typeof title !== "string" || title.length === 0 || title.length > 24) {
    throw new ApiFailure("invalid_arguments", { errors: ["title must be plain_text of 1 to 24 characters"] });
  }
  if (typeof v.callback_id === "string" && v.callback_id.length > 255) {
    throw new ApiFailure("invalid_arguments", { errors: ["callback_id longer than 255"] });
  }
  if (typeof v.private_metadata === "string" && v.private_metadata.length > 3000) {
    throw new ApiFailure("invalid_arguments", { errors: ["private_metadata longer than 3000"] });
  }
  for (const key of ["submit", "close"]) {
    const t = (v[key] as { text?: unknown } | undefined)?.text;
    if (v[key] !== undefined && (typeof t !== "string" || t.length === 0 || t.length > 24)) {
      throw new ApiFailure("invalid_arguments", {
        errors: [`${key} must be plain_text of 1 to 24 characters`],
      });
    }
  }
  const problem = blocksProblem(v.blocks ?? [], { maxBlocks: 100, fileReady: (id) => ws.fileReady(id) });
  if (problem !== null) throw new ApiFailure("invalid_blocks", { errors: [problem] });
  return v;
}

function answer(m: OpenModal): Record<string, unknown> {
  return { view: { id: m.id, hash: m.hash, ...m.view } };
}

const viewsOpen: Handler = (ctx) => {
  const { ws, args } = ctx;
  const triggerId = required(args, "trigger_id");
  const view = checkModal(ws, json(args, "view", "invalid_arguments"));
  const modal = ws.openModal(triggerId, view);
  return answer(modal);
};

const viewsUpdate: Handler = (ctx) => {
  const { ws, args } = ctx;
  const id = str(args, "view_id");
  if (id === undefined) throw new ApiFailure("invalid_arguments", { errors: ["view_id is required"] });
  const modal = ws.modals.get(id);
  if (modal === undefined || modal.closed) throw new ApiFailure("not_found");
  const hash = str(args, "hash");
  if (hash !== undefined && hash !== modal.hash) throw new ApiFailure("hash_conflict");
  const view = checkModal(ws, json(args, "view", "invalid_arguments"));
  return answer(ws.updateModal(modal, view));
};

export const viewMethods: Record<string, Handler> = {
  "views.open": viewsOpen,
  "views.update": viewsUpdate,
};

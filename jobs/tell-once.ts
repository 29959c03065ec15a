/**
 * "Tell the creator once": a direct message guarded by a notice key, so however many workers or
 * retries reach the same decision, the person hears it one time. A failed DM is logged, never
 * thrown: the job's outcome is already recorded and must not be undone by a chat hiccup.
 */
import type { Delivery } from "../src/delivery/index.ts";
import type { Db } from "../src/store/db.ts";
import { noticeOnce } from "../src/store/notices.ts";
import type { Logger } from "../src/util/log.ts";
import type { NoticeMessage } from "../templates/notices.ts";

export interface TellDeps {
  readonly db: Db;
  readonly delivery: Delivery;
  readonly log: Logger;
}

export interface Telling {
  readonly teamId: string;
  readonly user: string;
  /** Unique per thing told, e.g. `paused:<sub>:<scheduled time>`. */
  readonly key: string;
  readonly now: number;
  readonly message: NoticeMessage;
  /** Fields for the log line when the DM fails, e.g. { sub: 12 }. */
  readonly about: Record<string, unknown>;
}

/** Sends the message unless this (team, key) was told before; returns whether this call told it. */
export async function tellOnce(deps: TellDeps, t: Telling): Promise<boolean> {
  if (!(await noticeOnce(deps.db, t.teamId, t.key, t.now))) return false;
  await deps.delivery
    .dm({ user: t.user, message: { text: t.message.text } })
    .catch((e) => deps.log.warn("could not tell the creator", { ...t.about, error: e as Error }));
  return true;
}

/**
 * The CSV button under a digest and the words around the CSV file, in one place so the language
 * catalogue can take them over. Pure.
 */
import { EN, type Messages } from "../src/i18n/index.ts";
import { actions, type Block, button } from "./blocks.ts";
import { infoReply } from "./replies.ts";
import type { Reply } from "./reply.ts";

/** A posted message keeps its action id: never change it once shipped. */
export const DIGEST_CSV_ACTION = "digest_csv";

/** The actions block with the CSV button; `value` is src/report/csv.ts `csvButtonValue`. */
export function csvActions(value: string): Block {
  return actions([button("CSV", DIGEST_CSV_ACTION, value)], "digest_csv");
}

/** Title and comment of the file in the digest's thread. */
export function csvFileTitle(title: string, m: Messages = EN): string {
  return m.t("csv.title", { title });
}

export function csvFileComment(rows: number, total: number, m: Messages = EN): string {
  return m.t("csv.comment", { rows: m.count(rows), total: m.count(total) });
}

/** A second press too soon after the first. */
export function csvCooldownReply(waitSeconds: number, m: Messages = EN): Reply {
  return infoReply(m.t("csv.cooldown", { wait: waitSeconds }));
}

export function csvPostedReply(m: Messages = EN): Reply {
  return infoReply(m.t("csv.posted"));
}

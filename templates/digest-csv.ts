/**
 * The CSV button under a digest and the words around the CSV file, in one place so the language
 * catalogue can take them over. Pure.
 */
import { actions, type Block, button } from "./blocks.ts";
import { formatCount } from "./format.ts";
import { infoReply } from "./replies.ts";
import type { Reply } from "./reply.ts";

/** A posted message keeps its action id: never change it once shipped. */
export const DIGEST_CSV_ACTION = "digest_csv";

/** The actions block with the CSV button; `value` is src/report/csv.ts `csvButtonValue`. */
export function csvActions(value: string): Block {
  return actions([button("CSV", DIGEST_CSV_ACTION, value)], "digest_csv");
}

/** Title and comment of the file in the digest's thread. */
export function csvFileTitle(title: string): string {
  return `Numbers: ${title}`;
}

export function csvFileComment(rows: number, total: number): string {
  return `The numbers behind this digest: ${formatCount(rows)} rows (one per bucket and label, local and UTC time), ${formatCount(total)} usages in all.`;
}

/** A second press too soon after the first. */
export function csvCooldownReply(waitSeconds: number): Reply {
  return infoReply(
    `The CSV of this digest was just made; it is in the thread. Try again in ${waitSeconds} s.`,
  );
}

export function csvPostedReply(): Reply {
  return infoReply("The CSV is in the digest's thread.");
}

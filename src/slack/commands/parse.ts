/**
 * `/offers <verb> ...` → a typed command. Only the shape of the line is checked here; the query,
 * schedule and rule words are validated by their own parsers when the command runs (they need the
 * clock and the channel's default zone). Every mistake is an InputError naming the word.
 */
import { splitWords } from "../../schedule/words.ts";
import { InputError } from "../../util/errors.ts";
import { didYouMean } from "../../util/suggest.ts";

export type ItemVerb = "pause" | "resume" | "delete" | "run";

export type OffersCommand =
  | { readonly verb: "help" }
  /** `/offers` with no words: the form to build a digest or an alert (listeners/forms/). */
  | { readonly verb: "form" }
  | { readonly verb: "list" }
  | { readonly verb: "report"; readonly words: readonly string[] }
  | { readonly verb: "subscribe"; readonly words: readonly string[] }
  | { readonly verb: "alert"; readonly words: readonly string[] }
  | { readonly verb: ItemVerb; readonly id: number };

const VERBS = ["help", "report", "subscribe", "alert", "list", "pause", "resume", "delete", "run"] as const;
const ALIASES: Record<string, (typeof VERBS)[number]> = {
  "?": "help",
  show: "report",
  digest: "report",
  schedule: "subscribe",
  sub: "subscribe",
  ls: "list",
  unsubscribe: "delete",
  remove: "delete",
  rm: "delete",
  start: "resume",
  stop: "pause",
};
const ITEM_VERBS: readonly string[] = ["pause", "resume", "delete", "run"];

function itemId(verb: string, words: readonly string[]): number {
  const raw = words[0];
  const cleaned = raw?.replace(/^#/, "");
  if (raw === undefined || !/^\d{1,9}$/.test(cleaned ?? "") || Number(cleaned) < 1 || words.length > 1) {
    const said = words.join(" ");
    throw new InputError(
      `\`/offers ${verb}${said ? ` ${said}` : ""}\` needs one id: for example \`/offers ${verb} 12\`. \`/offers list\` shows the ids.`,
      raw,
    );
  }
  return Number(cleaned);
}

export function parseCommand(text: string): OffersCommand {
  const words = splitWords(text.trim());
  const first = words[0]?.toLowerCase();
  if (first === undefined || first === "") return { verb: "form" };
  const verb = (VERBS as readonly string[]).includes(first) ? first : ALIASES[first];
  if (verb === undefined) {
    throw new InputError(
      `\`${first}\` is not something /offers can do.${didYouMean(first, VERBS)} Try one of: ${VERBS.join(", ")} (\`/offers help\` shows examples).`,
      first,
    );
  }
  const rest = words.slice(1);
  if (verb === "help") return { verb: "help" };
  if (verb === "list") return { verb: "list" };
  if (ITEM_VERBS.includes(verb)) return { verb: verb as ItemVerb, id: itemId(verb, rest) };
  if (rest.length === 0) {
    const example = {
      report: "/offers report last 7d interval=1d",
      subscribe: "/offers subscribe daily 08:00 last 24h interval=1h",
      alert: "/offers alert below 5 per 1h offer_type=birthday",
    }[verb as "report"];
    throw new InputError(`\`/offers ${verb}\` needs more words: for example \`${example}\`.`, verb);
  }
  return { verb: verb as "report" | "subscribe" | "alert", words: rest };
}

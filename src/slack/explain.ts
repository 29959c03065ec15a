/**
 * Errors → one plain sentence for the person who asked. Our own mistakes and Slack's are said
 * differently from Placewise's, and nothing secret (tokens, URLs with passwords) ever goes out.
 */

import { DeliveryError } from "../delivery/index.ts";
import { EN, type Messages } from "../i18n/index.ts";
import { PlacewiseError } from "../placewise/errors.ts";
import { InputError } from "../util/errors.ts";

export function explainError(e: unknown, m: Messages = EN): string {
  // A wrong lang= is said in the reader's language; the word stays as typed.
  if (e instanceof InputError && e.code === "unknown_language" && m.lang !== "en")
    return m.t("error.badLanguage", { word: `\`${e.word ?? "lang="}\`` });
  if (e instanceof InputError) return e.message;
  if (e instanceof PlacewiseError) return explainPlacewise(e);
  if (e instanceof DeliveryError) {
    if (e.code === "not_in_channel" || e.code === "channel_not_found") {
      return "I'm not a member of this channel: invite me with `/invite @offer-digest` and try again.";
    }
    if (e.code === "is_archived") return "This channel is archived, so I can't post here.";
    if (e.code === "channel_busy")
      return "Too many messages are already waiting to go into this channel; try again in a minute.";
    return `Slack refused the message (${e.code}). ${e.kind === "transient" ? "Try again in a minute." : ""}`.trim();
  }
  return "Something went wrong on our side; the error was logged. Try again in a minute.";
}

function explainPlacewise(e: PlacewiseError): string {
  switch (e.code) {
    case "auth":
      return "Placewise did not accept our credentials (the token is wrong or expired). An admin needs to update PLACEWISE_USER_TOKEN or PLACEWISE_CLIENT_TOKEN.";
    case "permission":
      return `Placewise refused: ${e.message} Ask your Placewise admin to grant it to the token offer-digest uses.`;
    case "rate_limited": {
      const s = e.details.retryAfterSeconds;
      return `Placewise is rate limiting us right now; it will accept queries again in about ${s ?? 60} seconds. Try again then.`;
    }
    case "unavailable":
      return "Placewise is unavailable at the moment (maintenance or an outage). Try again in a few minutes.";
    case "timeout":
      return "Placewise did not answer in time. Try a shorter range or a coarser interval, or try again in a minute.";
    case "invalid_query":
      return `Placewise refused the query: ${e.message}`;
    case "bad_response":
      return "Placewise sent an answer I could not read, so I did not show numbers that might be wrong. Try again in a minute.";
  }
}

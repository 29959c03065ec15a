/**
 * The language of an answer to a person: `lang=` on the command line wins, then the workspace's
 * App Home choice, then DEFAULT_LANGUAGE (src/app/language.ts). Query words stay English; only
 * what the person reads is translated.
 */
import type { AppDeps } from "../app/deps.ts";
import { workspaceLanguage } from "../app/language.ts";
import { type Lang, type Messages, messages } from "../i18n/index.ts";
import { parseLanguage } from "../placewise/keys.ts";

/** `lang=nb` (or `language=nb`) anywhere in a command line, when it names a language; else null. */
export function languageInText(text: string): Lang | null {
  for (const word of text.split(/\s+/)) {
    const said = /^(?:lang|language)=(.+)$/i.exec(word);
    if (said === null) continue;
    try {
      return parseLanguage(said[1] as string);
    } catch {
      // A wrong lang= is reported by the query parser, in the workspace's language.
      return null;
    }
  }
  return null;
}

/** The Messages an answer to `teamId` is written with; `asked` is the command line's lang=, if any. */
export async function answerMessages(
  deps: Pick<AppDeps, "db" | "defaultLanguage" | "log">,
  teamId: string,
  asked: Lang | null = null,
): Promise<Messages> {
  return messages(asked ?? (await workspaceLanguage(deps, teamId)));
}

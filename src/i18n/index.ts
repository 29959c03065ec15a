export { DATE_LOCALE, isLang, LANGUAGES, type Lang, NUMBER_LOCALE } from "./languages.ts";
export {
  CATALOGUES,
  EN,
  fill,
  type MessageKey,
  type Messages,
  messages,
  type PlainMessageKey,
} from "./messages.ts";

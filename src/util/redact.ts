/**
 * The one way to make a URL printable: the password of its userinfo and the values of `password` and
 * `sslpassword` query parameters (libpq's names) become ***. Used for DATABASE_URL, PLACEWISE_API_URL
 * and SLACK_API_URL wherever they reach a log line or an error message.
 *
 * A URL with no userinfo and no such parameter comes back unchanged, character for character (not
 * re-serialised by `URL`, which would add slashes and lowercase the host).
 */

export const MASK = "***";

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// `(?<=…)` keeps the separator; values end at the next parameter or the fragment.
const SECRET_PARAM = /(?<=[?&;])((?:ssl)?password)=[^&#;]*/gi;
// Where URL's parser ends the authority (for non-special schemes, `\` is not a delimiter, but
// counting it only makes the masking wider, never narrower).
const AUTHORITY_END = /[/?#\\]/;

function redactParams(s: string): string {
  return s.replace(SECRET_PARAM, `$1=${MASK}`);
}

function parses(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function redactUrl(value: string): string {
  const scheme = SCHEME.exec(value);
  if (scheme === null) return redactParams(value);
  const head = scheme[0];
  const rest = value.slice(head.length);
  const at = rest.lastIndexOf("@");
  // No "@" after "//": no parser can find userinfo in it.
  if (at === -1) return head + redactParams(rest);
  const authorityEnd = rest.search(AUTHORITY_END);
  const userinfoInAuthority = authorityEnd === -1 || at < authorityEnd;
  if (!userinfoInAuthority || !parses(value)) {
    // Malformed: a password holding "/" (`bob:p/ssw0rd@host`) makes `new URL` throw or read
    // "bob:p" as host and port, and a driver may split it yet another way. Hide everything
    // between "//" and the last "@", whatever it is. A legitimate "@" in a path is masked too:
    // over-hiding in a log line is the safe side.
    return `${head}${MASK}@${redactParams(rest.slice(at + 1))}`;
  }
  // Well-formed: URL takes the userinfo up to the last "@" of the authority, as we do here. A name
  // alone may be a token (https://TOKEN@host), so it is hidden too; a name before ":" is kept.
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(":");
  const shown = colon === -1 ? MASK : `${userinfo.slice(0, colon)}:${MASK}`;
  return `${head}${shown}@${redactParams(rest.slice(at + 1))}`;
}

// A URL inside free text ends at white space or a quote; good enough for error messages from
// drivers and libraries, which print URLs without spaces. Punctuation that ends a sentence or a
// list ("…/db: connect", "…:1, database") is not part of it: URL would refuse "host:1,".
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const TRAILING = /[.,;:!)\]}]+$/;

/** Every URL inside a message (a driver's error, a log line) passed through redactUrl. */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (token) => {
    const tail = TRAILING.exec(token)?.[0] ?? "";
    return redactUrl(token.slice(0, token.length - tail.length)) + tail;
  });
}

// Slack's token shapes (bot, user, app-level, refresh, config): a prefix, a dash, then the secret.
const SLACK_TOKEN = /\b(xox[abposer]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]{6,}/g;

/**
 * Slack tokens inside a message, masked to their prefix (`xoxb-***`): the last line of defence for a
 * library error or an object that quotes one (OAuth mode handles a token per workspace).
 */
export function redactTokensIn(text: string): string {
  return text.replace(SLACK_TOKEN, (_t, prefix: string) => `${prefix}-${MASK}`);
}

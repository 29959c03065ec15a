import { describe, expect, it } from "vitest";
import { redactUrl, redactUrlsIn } from "../../src/util/redact.ts";

describe("redactUrl", () => {
  it.each([
    // The forms from issue 10: each printed its password at start-up.
    ["postgres://bob:p/ssw0rd@host/db", "postgres://***@host/db", ["p/ssw0rd", "ssw0rd"]],
    ["postgres://bob:p@ssw0rd@host/db", "postgres://bob:***@host/db", ["p@ssw0rd", "ssw0rd"]],
    ["postgresql://host/db?password=hunter2", "postgresql://host/db?password=***", ["hunter2"]],
    ["http://user:pw0rd@host", "http://user:***@host", ["pw0rd"]],
    // Plain and neighbouring forms.
    ["postgres://app:hunter2@db:5432/x", "postgres://app:***@db:5432/x", ["hunter2"]],
    ["postgres://bob:123/ssw0rd@host/db", "postgres://***@host/db", ["ssw0rd"]],
    ["postgres://bob:p?ss#w0rd@host/db", "postgres://***@host/db", ["ss#w0rd", "w0rd"]],
    ["https://xoxb-token-1@slack.example/api/", "https://***@slack.example/api/", ["xoxb-token-1"]],
    ["postgres://h/db?PassWord=A1&sslmode=require", "postgres://h/db?PassWord=***&sslmode=require", ["A1"]],
    [
      "postgres://h/db?sslmode=verify-full&sslpassword=K3y#x",
      "postgres://h/db?sslmode=verify-full&sslpassword=***#x",
      ["K3y"],
    ],
    ["postgres://bob:p/w@h/db?password=Q9", "postgres://***@h/db?password=***", ["p/w", "Q9"]],
  ])("hides the password of %s", (input, shown, secrets) => {
    const out = redactUrl(input);
    expect(out).toBe(shown);
    for (const s of secrets) expect(out).not.toContain(s);
  });

  it.each([
    "https://slack.com/api/",
    "https://api.mpc.placewise.com",
    "http://127.0.0.1:4000/prefix/",
    "postgres://127.0.0.1:5432/test?sslmode=require",
    "file:./data/offer-digest.sqlite",
    "file::memory:",
    "HTTPS://Host.Example:8443/Path?x=1#frag",
  ])("leaves %s unchanged: no userinfo, no password parameter", (url) => {
    expect(redactUrl(url)).toBe(url);
  });

  it("gives the same answer when applied twice, so a redacted line can pass the logger again", () => {
    for (const u of ["postgres://bob:p/ssw0rd@h/db", "http://user:pw@h", "postgres://h/db?password=x"])
      expect(redactUrl(redactUrl(u))).toBe(redactUrl(u));
  });

  it("hides every URL inside a message and keeps the rest", () => {
    expect(redactUrlsIn("Placewise http://user:***@h:1, database postgres://h/db?password=x, tz")).toBe(
      "Placewise http://user:***@h:1, database postgres://h/db?password=***, tz",
    );
    expect(
      redactUrlsIn("Cannot connect to postgres://bob:p/ssw0rd@h/db: Invalid URL; see https://slack.com/api/"),
    ).toBe("Cannot connect to postgres://***@h/db: Invalid URL; see https://slack.com/api/");
    expect(redactUrlsIn('url="http://u:secret@h/x" done')).toBe('url="http://u:***@h/x" done');
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("DEFAULT_LANGUAGE", () => {
  it("is English unless set, and takes nb, sv, fi, da", () => {
    expect(parseConfig({}).defaultLanguage).toBe("en");
    for (const lang of ["nb", "sv", "fi", "da"])
      expect(parseConfig({ DEFAULT_LANGUAGE: lang }).defaultLanguage).toBe(lang);
  });

  it("stops start-up on a bad value with one line naming the variable, the value and the accepted ones", () => {
    let message = "";
    try {
      parseConfig({ DEFAULT_LANGUAGE: "no-NO" });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toBe(
      'DEFAULT_LANGUAGE: "no-NO" is not a language offer-digest speaks: expected one of en, nb, sv, fi, da.',
    );
    expect(message).not.toContain("\n");
  });
});

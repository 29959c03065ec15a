/**
 * A scheduled digest speaks the subscription's `lang=`, else the workspace's App Home choice, else
 * DEFAULT_LANGUAGE. Real worker, store, Slack emulator and Placewise simulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { workspaceLanguage } from "../../src/app/language.ts";
import { setTeamLanguage } from "../../src/store/team-settings.ts";
import { silentLogger } from "../../src/util/log.ts";
import { type Harness, startHarness, TEAM } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function said(h: Harness): string {
  const [digest] = h.digests();
  if (digest === undefined) throw new Error("no digest was posted");
  return `${digest.text}\n${JSON.stringify(digest.blocks)}`;
}

describe("the language of a scheduled digest", () => {
  it("lang=nb on a subscription makes its 08:00 digest Norwegian, weekday and numbers included", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    await h.subscribe({
      cron: "0 8 * * *",
      query: "last 7d interval=1d lang=nb",
      createdAt: "2026-06-10T05:30:00Z",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    const text = said(h);
    expect(text).toContain("Bruk av tilbud per dag, siste 7 dager, Europe/Oslo");
    expect(text).toContain("*Totalt*");
    expect(text).toContain("Åpne i Placewise");
    // The peak of a daily digest names its day in Norwegian: "man.", "tir.", … "søn.".
    expect(text).toMatch(/\*Topp\*\\n[\d\u00a0]+ \((man|tir|ons|tor|fre|lør|søn)\./);
    expect(text).not.toContain("Offer usages");
  });

  it("without lang= the workspace's App Home choice applies, and lang= still wins over it", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    await setTeamLanguage(h.deps.db, TEAM, "sv", Date.parse("2026-06-10T05:30:00Z"));
    await h.subscribe({
      cron: "0 8 * * *",
      query: "last 24h interval=1h",
      createdAt: "2026-06-10T05:30:00Z",
    });
    await h.subscribe({
      cron: "0 8 * * *",
      query: "last 24h interval=1h lang=en",
      createdAt: "2026-06-10T05:30:00Z",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    const texts = h.digests().map((d) => d.text);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.includes("Användningar av erbjudanden per timme"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Offer usages per hour"))).toHaveLength(1);
  });
});

describe("the workspace's language", () => {
  it("is its App Home choice, else DEFAULT_LANGUAGE, else English", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const deps = { db: h.deps.db, log: silentLogger };
    expect(await workspaceLanguage(deps, TEAM)).toBe("en");
    expect(await workspaceLanguage({ ...deps, defaultLanguage: "da" }, TEAM)).toBe("da");
    await setTeamLanguage(h.deps.db, TEAM, "fi", 0);
    expect(await workspaceLanguage({ ...deps, defaultLanguage: "da" }, TEAM)).toBe("fi");
  });
});

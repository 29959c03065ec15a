import { describe, expect, it } from "vitest";
import { getAlertRule } from "../../src/store/alerts.ts";
import { findItem } from "../../src/store/find-item.ts";
import { getSubscription } from "../../src/store/subscriptions.ts";
import { newTeam, targets, useStore } from "./databases.ts";
import { alertRule, subscription } from "./fixtures.ts";

describe.each(targets)("shared ids on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("subscriptions and alert rules never share an id, so '/offers pause 12' names one thing", async () => {
      const team = newTeam();
      const made = [
        await subscription(db(), team),
        await alertRule(db(), team),
        await subscription(db(), team),
        await alertRule(db(), team),
      ];
      const ids = made.map((m) => m.id);
      expect(new Set(ids).size).toBe(4);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      // An alert's id is not also a subscription's id, and vice versa.
      expect(await getSubscription(db(), team, ids[1] as number)).toBeNull();
      expect(await getAlertRule(db(), team, ids[0] as number)).toBeNull();
    });

    it("finds #id as a digest or an alert without being told which", async () => {
      const team = newTeam();
      const s = await subscription(db(), team, { scheduleText: "weekly mon 09:00" });
      const r = await alertRule(db(), team, { ruleText: "anomaly per 1h" });
      const asDigest = await findItem(db(), team, s.id);
      const asAlert = await findItem(db(), team, r.id);
      expect(asDigest?.kind).toBe("digest");
      expect(asDigest?.kind === "digest" && asDigest.subscription.scheduleText).toBe("weekly mon 09:00");
      expect(asAlert?.kind).toBe("alert");
      expect(asAlert?.kind === "alert" && asAlert.rule.ruleText).toBe("anomaly per 1h");
    });

    it("another team finds nothing at ids that exist elsewhere, and nonsense ids find nothing", async () => {
      const owner = newTeam();
      const other = newTeam();
      const s = await subscription(db(), owner);
      const r = await alertRule(db(), owner);
      expect(await findItem(db(), other, s.id)).toBeNull();
      expect(await findItem(db(), other, r.id)).toBeNull();
      for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60])
        expect(await findItem(db(), owner, bad)).toBeNull();
    });
  });
});

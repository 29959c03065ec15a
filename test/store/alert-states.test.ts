import { describe, expect, it } from "vitest";
import {
  type AlertStateWrite,
  getAlertState,
  listAlertStates,
  upsertAlertState,
} from "../../src/store/alert-states.ts";
import type { AlertStatus } from "../../src/store/schema.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { alertRule } from "./fixtures.ts";

function state(ruleId: number, over: Partial<AlertStateWrite> = {}): AlertStateWrite {
  return {
    ruleId,
    teamId: "",
    labelKey: "",
    status: "pending",
    since: NOW,
    breachCount: 1,
    recoverCount: 0,
    incidentStartedAt: null,
    messageChannel: null,
    messageTs: null,
    lastNotifiedAt: null,
    lastValue: 3.5,
    now: NOW,
    ...over,
  };
}

describe.each(targets)("alert states on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("keeps one state per label, inserting the first time and replacing after", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      await upsertAlertState(db(), team, state(r.id));
      await upsertAlertState(db(), team, state(r.id, { labelKey: "gender=female", lastValue: 0 }));
      const firing = await upsertAlertState(
        db(),
        team,
        state(r.id, {
          status: "firing",
          since: NOW + 60_000,
          breachCount: 3,
          incidentStartedAt: NOW,
          messageChannel: "C-general",
          messageTs: "1724752800.000200",
          lastNotifiedAt: NOW + 60_000,
          lastValue: 2.25,
          now: NOW + 60_000,
        }),
      );
      expect(firing).toMatchObject({
        teamId: team,
        status: "firing",
        breachCount: 3,
        lastValue: 2.25,
        updatedAt: NOW + 60_000,
      });
      expect(await getAlertState(db(), team, r.id, "")).toEqual(firing);
      expect((await listAlertStates(db(), team, r.id)).map((s) => [s.labelKey, s.status])).toEqual([
        ["", "firing"],
        ["gender=female", "pending"],
      ]);
    });

    it("another team can neither read nor overwrite a rule's state", async () => {
      const owner = newTeam();
      const other = newTeam();
      const r = await alertRule(db(), owner);
      const stored = await upsertAlertState(db(), owner, state(r.id));
      expect(await getAlertState(db(), other, r.id, "")).toBeNull();
      expect(await listAlertStates(db(), other, r.id)).toEqual([]);
      await expect(upsertAlertState(db(), other, state(r.id, { status: "resolved" }))).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(upsertAlertState(db(), other, state(r.id, { labelKey: "new" }))).rejects.toMatchObject({
        code: "not_found",
      });
      expect(await getAlertState(db(), owner, r.id, "")).toEqual(stored);
    });

    it("rejects an unknown status and keeps the stored state", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      const stored = await upsertAlertState(db(), team, state(r.id));
      await expect(
        upsertAlertState(db(), team, state(r.id, { status: "on fire" as AlertStatus })),
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: 'Unknown alert status "on fire": must be one of ok, pending, firing, resolved.',
      });
      expect(await getAlertState(db(), team, r.id, "")).toEqual(stored);
    });
  });
});

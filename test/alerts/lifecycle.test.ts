import { describe, expect, it } from "vitest";
import type { Evaluation } from "../../src/alerts/evaluation.ts";
import {
  type AlertState,
  INITIAL_STATE,
  type Notification,
  type Silence,
  step,
} from "../../src/alerts/lifecycle.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { snoozeUntil } from "../../src/alerts/snooze.ts";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-03-02T09:00:00Z");

/** A judged bucket: "B" breach, "." recovered, "~" in between, "-" inactive. */
function ev(i: number, mark: string): Evaluation {
  return {
    at: T0 + i * HOUR,
    value: mark === "B" ? 0 : 20,
    expected: 20,
    low: 5,
    high: null,
    breach: mark === "B",
    recovered: mark === ".",
    active: mark !== "-",
    learning: false,
    reason: "test",
  };
}

/** Runs marks through the state machine; returns the statuses and the notifications by bucket. */
function run(ruleText: string, marks: string, silence: (i: number) => Silence = () => ({})) {
  const rule = parseRule(ruleText).rule;
  let state: AlertState = INITIAL_STATE;
  const statuses: string[] = [];
  const sent: string[] = [];
  [...marks].forEach((m, i) => {
    const r = step(state, ev(i, m), rule, T0 + (i + 1) * HOUR, silence(i));
    state = r.state;
    statuses.push(state.status);
    const n: Notification | null = r.notify;
    if (n !== null) sent.push(`${i}:${n.kind}`);
  });
  return { statuses, sent, state };
}

describe("alert lifecycle", () => {
  it("goes ok → pending → firing → resolved → ok with for 2", () => {
    const { statuses, sent } = run("below 5 for 2", ".BBB...");
    expect(statuses).toEqual(["ok", "pending", "firing", "firing", "firing", "resolved", "ok"]);
    expect(sent).toEqual(["2:firing", "5:resolved"]);
  });

  it("a single breach with for 2 goes back to ok without a message", () => {
    expect(run("below 5 for 2", "B.B.").sent).toEqual([]);
  });

  it("flapping input (breach, fine, breach, fine ...) sends one firing and no resolved until it settles", () => {
    const { sent } = run("below 5 cooldown=0m", "B.B.B.B.B.B..");
    expect(sent).toEqual(["0:firing", "12:resolved"]);
  });

  it("a value between breach and recovery keeps the incident open", () => {
    const { sent } = run("below 5", "B~~~..");
    expect(sent).toEqual(["0:firing", "5:resolved"]);
  });

  it("inactive hours neither resolve nor fire: the incident carries over the night", () => {
    const { sent, statuses } = run("below 5 renotify=off", "BB------B..");
    expect(statuses.slice(2, 8)).toEqual(Array(6).fill("firing"));
    expect(sent).toEqual(["0:firing", "10:resolved"]);
  });

  it("cooldown holds a new incident back, then announces it if it is still going", () => {
    // Resolved at 3; a new incident at 4 is inside the 4 h cooldown from the firing at 0 (ends at 1 + 4 h).
    const { sent } = run("below 5 cooldown=4h", "B..BBBBB");
    expect(sent).toEqual(["0:firing", "2:resolved", "4:firing"]);
  });

  it("reminds every renotify interval while an incident lasts", () => {
    const { sent } = run("below 5 renotify=3h", "BBBBBBB..");
    expect(sent).toEqual(["0:firing", "3:renotify", "6:renotify", "8:resolved"]);
  });

  it("snooze holds messages back and announces a still-open incident when it ends", () => {
    const until = T0 + 4 * HOUR;
    const { sent } = run("below 5", "BBBBBB..", () => ({ snoozedUntil: until }));
    expect(sent).toEqual(["3:firing", "7:resolved"]);
  });

  it("an incident that ends during a snooze is never announced, nor its end", () => {
    const { sent } = run("below 5", "BB....", () => ({ snoozedUntil: T0 + 10 * HOUR }));
    expect(sent).toEqual([]);
  });

  it("mute silences everything while the state keeps up", () => {
    const { sent, statuses } = run("below 5", "BBB..", () => ({ muted: true }));
    expect(sent).toEqual([]);
    expect(statuses).toEqual(["firing", "firing", "firing", "firing", "resolved"]);
  });
});

describe("snoozeUntil", () => {
  const now = Date.parse("2026-10-24T20:30:00Z"); // Saturday 22:30 in Oslo, the night before DST ends
  it("1 h is an hour", () => {
    expect(snoozeUntil("1h", now, "Europe/Oslo")).toBe(now + HOUR);
  });
  it("until tomorrow is 08:00 local the next day, across the DST change", () => {
    expect(new Date(snoozeUntil("tomorrow", now, "Europe/Oslo")).toISOString()).toBe(
      "2026-10-25T07:00:00.000Z",
    );
  });
  it("a week is the same local time seven days on", () => {
    expect(new Date(snoozeUntil("1w", now, "Europe/Oslo")).toISOString()).toBe("2026-10-31T21:30:00.000Z");
  });
});

/**
 * The forms: `/offers` with no words opens "New digest" (views.open with the command's trigger id);
 * picks redraw it with the command line and next runs (views.update); a submission is checked by the
 * same parser as typed words, with mistakes on their field and nothing saved; a form-made
 * subscription equals the typed one; a forged submission is refused; Edit opens prefilled.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseRule } from "../../../src/alerts/rules.ts";
import type { OpenModal } from "../../../src/local/slack-emulator/index.ts";
import { listAlertStates, upsertAlertState } from "../../../src/store/alert-states.ts";
import { type AlertRuleRecord, getAlertRule } from "../../../src/store/alerts.ts";
import { getSubscription, type Subscription } from "../../../src/store/subscriptions.ts";
import { FORM_BLOCKS as B, FORM_IDS } from "../../../templates/forms.ts";
import { modalText, type Pick, pickBody, stateValues, submissionBody } from "../support/forms.ts";
import { type Ack, type AppHarness, startApp, who } from "../support/harness.ts";
import { buttonsIn, FORM, signedHeaders, type Who } from "../support/requests.ts";
import { idIn, shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { BOT, CHANNELS, TEAM, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
  // The bot is here, the creator is not: a forged form naming it must be refused.
  h.emulator.addChannel({ id: "C0BOARD", name: "board", members: [BOT, USERS.admin.id] });
  // The bot and the creator are both here: an alert of #offers must still not be edited from it.
  h.emulator.addChannel({ id: "C0TEAM", name: "team", members: [BOT, USERS.creator.id, USERS.other.id] });
});
afterAll(async () => {
  await h?.close();
});

const creator = who();

async function openForm(): Promise<OpenModal> {
  const before = h.emulator.modals.size;
  const sent = await h.command("");
  expect(sent.ack.status).toBe(200);
  return waitFor(h.emulator, () => [...h.emulator.modals.values()].slice(before).at(-1), "views.open");
}

/** Picks one input and waits for the redraw (views.update changes the modal's hash). */
async function pick(modal: OpenModal, block: string, value: Pick, picks: Record<string, Pick> = {}) {
  const hash = modal.hash;
  const body = pickBody(creator, modal, block, value, picks);
  const ack = await h.post(body, signedHeaders(body, FORM));
  expect(ack.status).toBe(200);
  await waitFor(h.emulator, () => (modal.hash !== hash ? modal : undefined), "views.update");
}

function submit(
  modal: OpenModal,
  picks: Record<string, Pick> = {},
  as: Who = creator,
  metadata?: string,
): Promise<Ack> {
  const body = submissionBody(as, modal, picks, metadata);
  return h.post(body, signedHeaders(body, FORM));
}

async function answerTo(userId: string, channel: string, since: number): Promise<string> {
  const m = await waitFor(
    h.emulator,
    () =>
      h.emulator
        .messagesIn(channel, { ephemeral: true })
        .slice(since)
        .find((x) => x.ephemeralUser === userId),
    `the form's answer to ${userId}`,
  );
  return shown(m);
}

const count = (channel: string = CHANNELS.offers.id) =>
  h.emulator.messagesIn(channel, { ephemeral: true }).length;

function comparable(s: Subscription | null) {
  if (s === null) throw new Error("no subscription");
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
}

describe("/offers with no words", () => {
  test("opens the New digest form with the command line it stands for and the next three runs", async () => {
    const modal = await openForm();
    expect(modal.view.callback_id).toBe(FORM_IDS.digestForm);
    expect((modal.view.title as { text: string }).text).toBe("New digest");
    const text = modalText(modal);
    expect(text).toContain("/offers subscribe daily 08:00 last 24h interval=1h");
    // The harness clock is Wed 27 Aug 10:07 in Oslo.
    expect(text).toContain("Thu 28 Aug 08:00 Europe/Oslo");
    expect(text).toContain("Sat 30 Aug 08:00 Europe/Oslo");
  });

  test("picking a weekly schedule redraws the form with a day field, and the preview follows", async () => {
    const modal = await openForm();
    await pick(modal, B.schedule, "weekly");
    expect(modalText(modal)).toContain(`"block_id":"${B.weekday}"`);
    await pick(modal, B.weekday, "fri");
    expect(modalText(modal)).toContain("/offers subscribe weekly fri 08:00 last 24h interval=1h");
    expect(modalText(modal)).toContain("Fri 29 Aug 08:00");
  });

  test.each([
    [{ [B.time]: "25:00" }, B.time, "25:00"],
    [{ [B.schedule]: "cron", [B.cron]: "61 * * * *" }, B.cron, "61"],
    [{ [B.when]: "changed", [B.change]: "lots" }, B.change, "between 1 and 1000"],
    [{ [B.range]: "last 30d", [B.interval]: "5m" }, B.interval, "5-minute data is kept for 14 days"],
    [{ [B.extra]: "gendr=female" }, B.extra, "gendr"],
  ] as [Record<string, string>, string, string][])(
    "a submission with bad values gets the error on its field and saves nothing (%j)",
    async (picks, block, said) => {
      const modal = await openForm();
      // A field that only shows after a pick (cron, the percentage) is drawn first.
      if (picks[B.schedule] === "cron") await pick(modal, B.schedule, "cron");
      if (picks[B.when] === "changed") await pick(modal, B.when, "changed");
      const before = await h.rows();
      const ack = await submit(modal, picks);
      expect(ack.status).toBe(200);
      expect(ack.json).toMatchObject({ response_action: "errors" });
      const errors = (ack.json as unknown as { errors: Record<string, string> }).errors;
      expect(Object.keys(errors)).toEqual([block]);
      expect(errors[block]).toContain(said);
      expect(await h.rows()).toEqual(before);
      expect(modal.closed).toBe(false);
    },
  );

  test("a form-made subscription equals the one the shown command line makes when typed", async () => {
    const modal = await openForm();
    await pick(modal, B.schedule, "weekdays");
    await pick(modal, B.when, "changed");
    const picks: Record<string, Pick> = {
      [B.schedule]: "weekdays",
      [B.time]: "07:30",
      [B.range]: "yesterday",
      [B.interval]: "1h",
      [B.types]: ["birthday", "welcome"],
      [B.by]: "member_gender",
      [B.tz]: "Europe/Stockholm",
      [B.when]: "changed",
      [B.change]: "20",
      [B.csv]: ["csv"],
    };
    await pick(modal, B.tz, "Europe/Stockholm", picks);
    const line =
      "subscribe weekdays 07:30 yesterday interval=1h by=member_gender offer_type=birthday,welcome tz=Europe/Stockholm when=changed:20 csv=yes";
    expect(modalText(modal)).toContain(`/offers ${line}`);
    const since = count();
    const ack = await submit(modal, picks);
    expect(ack.status).toBe(200);
    expect(ack.body).toBe("");
    const formId = idIn(await answerTo(creator.userId, CHANNELS.offers.id, since));
    const typedAnswer = shown(await h.ephemeral(await h.command(line)));
    const typedId = idIn(typedAnswer);
    const [fromForm, typed] = await Promise.all([
      getSubscription(h.runtime.deps.db, TEAM, formId),
      getSubscription(h.runtime.deps.db, TEAM, typedId),
    ]);
    expect(comparable(fromForm)).toEqual(comparable(typed));
    expect(fromForm).toMatchObject({
      deliverWhen: "changed:20",
      attachCsv: true,
      timezone: "Europe/Stockholm",
    });
  });

  test("switching to an alert makes the alert the typed words would", async () => {
    const modal = await openForm();
    await pick(modal, B.kind, "alert");
    expect(modal.view.callback_id).toBe(FORM_IDS.alertForm);
    const picks = { [B.rule]: "below", [B.threshold]: "3", [B.per]: "1h", [B.types]: ["birthday"] };
    await pick(modal, B.threshold, "3", picks);
    expect(modalText(modal)).toContain("/offers alert below 3 per 1h offer_type=birthday");
    const since = count();
    expect((await submit(modal, picks)).body).toBe("");
    const id = idIn(await answerTo(creator.userId, CHANNELS.offers.id, since));
    expect(await getAlertRule(h.runtime.deps.db, TEAM, id)).toMatchObject({
      ruleText: expect.stringMatching(/^below 3 per 1h/),
      query: "offer_type=birthday",
      channelId: CHANNELS.offers.id,
      creatorId: creator.userId,
    });
  });
});

describe("a forged submission", () => {
  test("naming a channel the person is not in is refused on the form, and nothing is saved", async () => {
    const modal = await openForm();
    const meta = JSON.parse(modal.view.private_metadata as string);
    const before = await h.rows();
    const ack = await submit(modal, {}, creator, JSON.stringify({ ...meta, c: "C0BOARD" }));
    expect(ack.json).toMatchObject({ response_action: "errors" });
    expect(JSON.stringify(ack.json)).toContain("not a member of that channel");
    expect(await h.rows()).toEqual(before);
  });

  test("naming a channel the bot is not in is refused, and nothing is saved", async () => {
    const modal = await openForm();
    const meta = JSON.parse(modal.view.private_metadata as string);
    const before = await h.rows();
    const ack = await submit(modal, {}, creator, JSON.stringify({ ...meta, c: CHANNELS.secret.id }));
    expect(JSON.stringify(ack.json)).toContain("I'm not a member of that channel");
    expect(await h.rows()).toEqual(before);
  });

  test("editing someone else's subscription is refused for a non-admin, and it stays as it was", async () => {
    const id = idIn(shown(await h.ephemeral(await h.command("subscribe daily 08:00 last 24h interval=1h"))));
    const modal = await openForm();
    const meta = JSON.parse(modal.view.private_metadata as string);
    const other = who({ userId: USERS.other.id });
    const before = await getSubscription(h.runtime.deps.db, TEAM, id);
    const ack = await submit(
      modal,
      { [B.time]: "09:00" },
      other,
      JSON.stringify({ ...meta, e: id, k: false }),
    );
    expect(ack.json).toMatchObject({ response_action: "errors" });
    expect(await getSubscription(h.runtime.deps.db, TEAM, id)).toEqual(before);
  });

  test("broken metadata is a fresh form, not a crash", async () => {
    const modal = await openForm();
    const before = await h.rows();
    const ack = await submit(modal, {}, creator, "{not json");
    expect(ack.status).toBe(200);
    // No channel travels with it, and the form had none to pick: refused on the form.
    expect(JSON.stringify(ack.json)).toContain("Pick the channel");
    expect(await h.rows()).toEqual(before);
  });
});

describe("Edit", () => {
  test("opens prefilled from the list, and saving changes that subscription in place", async () => {
    const typed = "subscribe weekly thu 09:15 last 7d interval=1d by=member_age when=nonzero";
    const id = idIn(shown(await h.ephemeral(await h.command(typed))));
    const list = await h.ephemeral(await h.command("list"));
    const edit = buttonsIn(list.blocks).find(
      (b) => b.action_id === FORM_IDS.editDigest && b.value === String(id),
    );
    if (edit === undefined) throw new Error("no Edit button");
    const before = h.emulator.modals.size;
    await h.press(list, edit);
    const modal = await waitFor(
      h.emulator,
      () => [...h.emulator.modals.values()].slice(before).at(-1),
      "the Edit form",
    );
    expect((modal.view.title as { text: string }).text).toBe(`Edit #${id}`);
    expect(modalText(modal)).toContain(
      "/offers subscribe weekly thu 09:15 last 7d interval=1d by=member_age when=nonzero",
    );
    const since = count();
    expect((await submit(modal, { [B.time]: "10:45" })).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain(`#${id}* updated`);
    expect(await getSubscription(h.runtime.deps.db, TEAM, id)).toMatchObject({
      scheduleText: "weekly thu 10:45",
      cron: "45 10 * * thu",
      query: "last 7d interval=1d by=member_age",
      deliverWhen: "nonzero",
    });
  });

  test("a digest form's metadata naming an alert saves nothing into the alert", async () => {
    const alertId = idIn(shown(await h.ephemeral(await h.command("alert below 5 per 1h"))));
    const before = await getAlertRule(h.runtime.deps.db, TEAM, alertId);
    const modal = await openForm();
    const meta = JSON.parse(modal.view.private_metadata as string);
    const since = count();
    expect((await submit(modal, {}, creator, JSON.stringify({ ...meta, e: alertId }))).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain(
      `#${alertId} is an alert; this form edits digests.`,
    );
    expect(await getAlertRule(h.runtime.deps.db, TEAM, alertId)).toEqual(before);
  });
});

describe("Edit an alert", () => {
  const typed = "alert below 5 per 1h for 3 offer_type=birthday member_gender=female tz=Europe/Helsinki";

  /** Creates an alert by typed words, and opens its Edit form from the list's button. */
  async function editFromList(line = typed): Promise<{ id: number; modal: OpenModal }> {
    const id = idIn(shown(await h.ephemeral(await h.command(line))));
    const list = await h.ephemeral(await h.command("list"));
    const edit = buttonsIn(list.blocks).find(
      (b) => b.action_id === FORM_IDS.editAlert && b.value === String(id),
    );
    if (edit === undefined) throw new Error(`no Edit button for alert #${id}`);
    const before = h.emulator.modals.size;
    await h.press(list, edit);
    const modal = await waitFor(
      h.emulator,
      () => [...h.emulator.modals.values()].slice(before).at(-1),
      "the alert's Edit form",
    );
    return { id, modal };
  }

  const ruleOf = async (id: number): Promise<AlertRuleRecord> => {
    const r = await getAlertRule(h.runtime.deps.db, TEAM, id);
    if (r === null) throw new Error(`no alert #${id}`);
    return r;
  };

  test("opens the alert form from the list, prefilled with the rule, its words and its zone", async () => {
    const { id, modal } = await editFromList();
    expect(modal.view.callback_id).toBe(FORM_IDS.alertForm);
    expect((modal.view.title as { text: string }).text).toBe(`Edit #${id}`);
    const text = modalText(modal);
    expect(text).toContain(
      "/offers alert below 5 per 1h offer_type=birthday for 3 member_gender=female tz=Europe/Helsinki",
    );
    const values = stateValues(modal);
    expect(values[B.rule]?.[FORM_IDS.alertInput]).toMatchObject({ selected_option: { value: "below" } });
    expect(values[B.threshold]?.[FORM_IDS.alertInput]).toMatchObject({ value: "5" });
    expect(values[B.tz]?.[FORM_IDS.alertInput]).toMatchObject({
      selected_option: { value: "Europe/Helsinki" },
    });
    // An edit keeps its kind: no "Create" switch to a digest.
    expect(text).not.toContain(`"block_id":"${B.kind}"`);
  });

  test("a bucket size the form does not list, and rule words it has no field for, are kept", async () => {
    const { id, modal } = await editFromList("alert anomaly sensitivity=high per 1w hours=10:00-21:00");
    const before = await ruleOf(id);
    expect(modalText(modal)).toContain("/offers alert anomaly per 1w sensitivity=high hours=10:00-21:00");
    const since = count();
    expect((await submit(modal)).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain(`#${id}* updated`);
    const after = await ruleOf(id);
    // The same rule, its words perhaps in another order ("per 1w" right after the condition).
    const { text: _a, ...was } = parseRule(before.ruleText).rule;
    const { text: _b, ...is } = parseRule(after.ruleText).rule;
    expect(is).toEqual(was);
    expect(is).toMatchObject({ kind: "anomaly", interval: "1w", sensitivity: "high" });
    expect([after.query, after.timezone]).toEqual([before.query, before.timezone]);
  });

  test("opens from the Home tab for its creator, and saves into the rule's own channel", async () => {
    const id = idIn(shown(await h.ephemeral(await h.command("alert above 30 per 1d"))));
    await h.homeOpened(creator.userId);
    const button = await waitFor(
      h.emulator,
      () =>
        buttonsIn(h.emulator.views.get(creator.userId)?.view.blocks as unknown[]).find(
          (b) => b.action_id === FORM_IDS.editAlert && b.value === String(id),
        ),
      "the alert's Edit button on Home",
    );
    const before = h.emulator.modals.size;
    await h.pressHome(creator.userId, button);
    const modal = await waitFor(
      h.emulator,
      () => [...h.emulator.modals.values()].slice(before).at(-1),
      "the Edit form from Home",
    );
    expect(modalText(modal)).toContain("/offers alert above 30 per 1d");
    // The channel is the rule's: no channel to pick.
    expect(modalText(modal)).not.toContain(`"block_id":"${B.channel}"`);
    const since = count();
    expect((await submit(modal, { [B.threshold]: "35" })).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain(`#${id}* updated`);
    expect(await ruleOf(id)).toMatchObject({ ruleText: expect.stringMatching(/^above 35 per 1d/) });
  });

  test("a bad value gets the error on its field and changes nothing", async () => {
    const { id, modal } = await editFromList();
    const before = await ruleOf(id);
    const ack = await submit(modal, { [B.threshold]: "lots" });
    expect(ack.json).toMatchObject({ response_action: "errors" });
    const errors = (ack.json as unknown as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual([B.threshold]);
    expect(errors[B.threshold]).toContain("lots");
    expect(await ruleOf(id)).toEqual(before);
    expect(modal.closed).toBe(false);
  });

  test("saving changes the rule exactly as the typed line would make it, and it starts afresh", async () => {
    const { id, modal } = await editFromList();
    // The old condition's incident, firing and announced in the channel.
    await upsertAlertState(h.runtime.deps.db, TEAM, {
      ruleId: id,
      teamId: TEAM,
      labelKey: "",
      status: "firing",
      since: h.runtime.deps.clock.now(),
      breachCount: 3,
      recoverCount: 0,
      incidentStartedAt: h.runtime.deps.clock.now(),
      messageChannel: CHANNELS.offers.id,
      messageTs: "1756282020.000100",
      lastNotifiedAt: h.runtime.deps.clock.now(),
      lastValue: 1,
      now: h.runtime.deps.clock.now(),
      announced: true,
    });
    const picks = { [B.rule]: "above", [B.threshold]: "40", [B.types]: ["welcome"], [B.tz]: "Europe/Oslo" };
    await pick(modal, B.tz, "Europe/Oslo", picks);
    const line = "alert above 40 per 1h offer_type=welcome for 3 member_gender=female";
    expect(modalText(modal)).toContain(`/offers ${line}`);
    const since = count();
    const posted = h.emulator.messagesIn(CHANNELS.offers.id).length;
    expect((await submit(modal, picks)).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain(`#${id}* updated`);
    const typedId = idIn(shown(await h.ephemeral(await h.command(line))));
    const [edited, fromTyped] = [await ruleOf(id), await ruleOf(typedId)];
    expect(edited).toMatchObject({
      id,
      ruleText: fromTyped.ruleText,
      query: fromTyped.query,
      timezone: fromTyped.timezone,
      channelId: CHANNELS.offers.id,
      creatorId: creator.userId,
      state: "active",
      lastEvaluatedBucket: null,
    });
    expect(edited.ruleText).toMatch(/^above 40 per 1h/);
    // The old incident is closed quietly: no state left to resolve or remind about, nothing posted.
    expect(await listAlertStates(h.runtime.deps.db, TEAM, id)).toEqual([]);
    expect(h.emulator.messagesIn(CHANNELS.offers.id).length).toBe(posted);
  });

  test("someone who is neither its creator nor an admin is refused, and the rule stays as it was", async () => {
    const { id, modal } = await editFromList();
    const before = await ruleOf(id);
    const ack = await submit(modal, { [B.threshold]: "9" }, who({ userId: USERS.other.id }));
    expect(ack.json).toMatchObject({ response_action: "errors" });
    expect(await ruleOf(id)).toEqual(before);
    // Pressing Edit in the list is refused too: no form opens.
    const list = await h.ephemeral(await h.command("list"));
    const edit = buttonsIn(list.blocks).find(
      (b) => b.action_id === FORM_IDS.editAlert && b.value === String(id),
    );
    if (edit === undefined) throw new Error("no Edit button");
    const opened = h.emulator.modals.size;
    expect((await h.press(list, edit, { userId: USERS.other.id })).status).toBe(200);
    await h.ephemeral(await h.command("list"));
    expect(h.emulator.modals.size).toBe(opened);
  });

  test("an edit claiming another channel is refused, even by its creator", async () => {
    const { id, modal } = await editFromList();
    const before = await ruleOf(id);
    const meta = JSON.parse(modal.view.private_metadata as string);
    const ack = await submit(
      modal,
      { [B.threshold]: "9" },
      creator,
      JSON.stringify({ ...meta, c: "C0TEAM" }),
    );
    expect(ack.json).toMatchObject({ response_action: "errors" });
    expect(await ruleOf(id)).toEqual(before);
  });

  test("an alert form's metadata naming a digest saves nothing into the digest", async () => {
    const digestId = idIn(
      shown(await h.ephemeral(await h.command("subscribe daily 08:00 last 24h interval=1h"))),
    );
    const { modal } = await editFromList();
    const meta = JSON.parse(modal.view.private_metadata as string);
    const before = await getSubscription(h.runtime.deps.db, TEAM, digestId);
    const since = count();
    expect((await submit(modal, {}, creator, JSON.stringify({ ...meta, e: digestId }))).body).toBe("");
    expect(await answerTo(creator.userId, CHANNELS.offers.id, since)).toContain("not an alert");
    expect(await getSubscription(h.runtime.deps.db, TEAM, digestId)).toEqual(before);
  });
});

describe("New digest from the Home tab", () => {
  test("asks for the channel, and saves into the one picked", async () => {
    await h.homeOpened(creator.userId);
    await waitFor(h.emulator, () => h.emulator.views.get(creator.userId), "the Home view");
    const view = h.emulator.views.get(creator.userId);
    const button = buttonsIn(view?.view.blocks as unknown[]).find((b) => b.action_id === FORM_IDS.newDigest);
    if (button === undefined) throw new Error("no New digest button on Home");
    const before = h.emulator.modals.size;
    await h.pressHome(creator.userId, button);
    const modal = await waitFor(
      h.emulator,
      () => [...h.emulator.modals.values()].slice(before).at(-1),
      "the form",
    );
    expect(modalText(modal)).toContain(`"block_id":"${B.channel}"`);
    const since = count();
    expect((await submit(modal, { [B.channel]: CHANNELS.offers.id })).body).toBe("");
    const id = idIn(await answerTo(creator.userId, CHANNELS.offers.id, since));
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.channelId).toBe(CHANNELS.offers.id);
  });
});

describe("the form's picks", () => {
  test("All clubs and offer types go into the command line as typed words would", async () => {
    const modal = await openForm();
    await pick(modal, B.clubs, "all");
    await pick(modal, B.types, ["birthday", "welcome"], { [B.clubs]: "all" });
    expect(modalText(modal)).toContain(
      "/offers subscribe daily 08:00 last 24h interval=1h offer_type=birthday,welcome club=all",
    );
  });
});

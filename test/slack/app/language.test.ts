/**
 * Languages through the real app: DEFAULT_LANGUAGE for a workspace that chose none, `lang=` on a
 * command, the App Home select (admins only), and mistakes told in the reader's language with the
 * wrong word kept as typed. Real Bolt app, store, Slack emulator and Placewise simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateDueAlerts } from "../../../jobs/evaluate-alert.ts";
import type { OpenModal } from "../../../src/local/slack-emulator/index.ts";
import { teamLanguage } from "../../../src/store/team-settings.ts";
import { silentLogger } from "../../../src/util/log.ts";
import { FORM_BLOCKS as B } from "../../../templates/forms.ts";
import { modalText, pickBody, submissionBody } from "../support/forms.ts";
import { type AppHarness, startApp, who } from "../support/harness.ts";
import { FORM, signedHeaders } from "../support/requests.ts";
import { idIn, shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, TEAM, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp({ env: { DEFAULT_LANGUAGE: "nb" } });
});
afterAll(async () => {
  await h?.close();
});

/** `/offers` with no words: the form Slack opens. */
async function openForm(): Promise<OpenModal> {
  const before = h.emulator.modals.size;
  expect((await h.command("")).ack.status).toBe(200);
  return waitFor(h.emulator, () => [...h.emulator.modals.values()].slice(before).at(-1), "views.open");
}

const titleOf = (modal: OpenModal) => (modal.view.title as { text: string }).text;

function whole(m: { text?: string; blocks?: unknown }): string {
  return `${m.text ?? ""}\n${JSON.stringify(m.blocks ?? [])}`;
}

/** What Slack sends when someone picks an option of the Home tab's language select. */
function chooseLanguage(userId: string, value: string): string {
  const payload = {
    type: "block_actions",
    user: { id: userId, username: userId, name: userId, team_id: TEAM },
    api_app_id: "A0OFFERS",
    token: "deprecated-verification-token",
    trigger_id: "1.2.3",
    team: { id: TEAM, domain: "acme" },
    container: { type: "view", view_id: `V${userId.slice(1)}` },
    view: { id: `V${userId.slice(1)}`, team_id: TEAM, type: "home", blocks: [] },
    actions: [
      {
        type: "static_select",
        action_id: "home_language",
        block_id: "b1",
        selected_option: { text: { type: "plain_text", text: value }, value },
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe("languages in Slack", () => {
  it("DEFAULT_LANGUAGE=nb: help is Norwegian for a workspace that chose nothing; lang=fi on the line wins", async () => {
    expect(whole(await h.ephemeral(await h.command("help")))).toContain("/offers: bruk av tilbud i Slack");
    expect(whole(await h.ephemeral(await h.command("help lang=fi")))).toContain(
      "/offers: tarjousten käytöt Slackissa",
    );
  });

  it("a wrong lang= is refused in Norwegian, naming the word as typed, and nothing is posted", async () => {
    const sent = await h.command("report last 7d lang=klingon");
    expect(sent.ack.json?.text).toContain("`lang=klingon`");
    expect(sent.ack.json?.text).toContain("er ikke et språk jeg kan");
    expect(whole(sent.ack.json ?? {})).toContain("viser alle kommandoer");
  });

  it("a report with lang=sv posts a Swedish digest; without lang= it is Norwegian", async () => {
    const sv = await h.posted(await h.command("report last 24h interval=1h lang=sv"));
    expect(whole(sv)).toContain("Användningar av erbjudanden per timme, senaste 24 h");
    const nb = await h.posted(await h.command("report last 24h interval=1h"));
    expect(whole(nb)).toContain("Bruk av tilbud per time, siste 24 t");
    expect(nb.text).toMatch(/Totalt: [\d\u00a0]+/);
  });

  it("subscribe with lang=da answers in Danish with the next runs' weekdays in Danish", async () => {
    const reply = await h.reply(await h.command("subscribe daily 08:00 last 24h interval=1h lang=da"));
    expect(reply).toContain("Abonnement #");
    expect(reply).toContain("hver dag kl. 08.00 (Europe/Oslo)");
    expect(reply).toMatch(/Næste kørsel (man|tirs|ons|tors|fre|lør|søn)\./);
  });

  it("an alert with lang=fi answers in Finnish and fires a Finnish message with Finnish buttons", async () => {
    const answer = shown(await h.ephemeral(await h.command("alert below 100000 per 1h lang=fi"), 20_000));
    expect(answer).toContain("Hälytys *#");
    const id = idIn(answer);
    await evaluateDueAlerts(h.runtime.deps, { owner: "test", leaseMs: 60_000, log: silentLogger });
    const fired = h.emulator
      .messagesIn(CHANNELS.offers.id)
      .find((m) => String(m.metadata?.event_payload.run_key ?? "").startsWith(`alert:${id}:`));
    if (fired === undefined) throw new Error("the alert did not post");
    expect(fired.text).toContain(`Hälytys #${id} on päällä`);
    expect(whole(fired)).toContain("Torkuta 1 t");
    expect(whole(fired)).toContain("*Odotettu*");
  });

  it("`/offers` opens the form in Norwegian, says a refusal on it in Norwegian, and follows lang= in its words", async () => {
    const modal = await openForm();
    expect(titleOf(modal)).toBe("Ny oversikt");
    const text = modalText(modal);
    for (const word of ["Periode", "Siste 24 timer", "Hver dag", "Klokkeslett", "Neste kjøringer", "Opprett"])
      expect(text).toContain(word);
    // The harness clock is Wed 27 Aug 10:07 in Oslo: the next run is Thursday, in Norwegian.
    expect(text).toContain("tor. 28. aug kl. 08:00 Europe/Oslo");
    expect(text).not.toContain("Next runs");
    // A forged submission naming a channel the bot is not in: refused on the form, in Norwegian.
    const meta = JSON.parse(modal.view.private_metadata as string);
    const forged = submissionBody(who(), modal, {}, JSON.stringify({ ...meta, c: CHANNELS.secret.id }));
    const ack = await h.post(forged, signedHeaders(forged, FORM));
    expect(JSON.stringify(ack.json)).toContain("Jeg er ikke medlem av den kanalen");
    // lang=fi typed in "More words" redraws the form in Finnish.
    const hash = modal.hash;
    const body = pickBody(who(), modal, B.extra, "lang=fi");
    expect((await h.post(body, signedHeaders(body, FORM))).status).toBe(200);
    await waitFor(h.emulator, () => (modal.hash !== hash ? modal : undefined), "views.update");
    expect(titleOf(modal)).toBe("Uusi kooste");
    expect(modalText(modal)).toContain("Seuraavat ajot");
  });

  it("only an admin's choice on the Home tab is saved; it then applies to the workspace's answers", async () => {
    const other = chooseLanguage(USERS.other.id, "sv");
    expect((await h.post(other, signedHeaders(other, FORM))).status).toBe(200);
    const db = h.runtime.deps.db;
    await new Promise((r) => setImmediate(r));
    expect(await teamLanguage(db, TEAM)).toBeNull();
    const admin = chooseLanguage(USERS.admin.id, "sv");
    expect((await h.post(admin, signedHeaders(admin, FORM))).status).toBe(200);
    for (let i = 0; i < 50 && (await teamLanguage(db, TEAM)) === null; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await teamLanguage(db, TEAM)).toBe("sv");
    expect(whole(await h.ephemeral(await h.command("help")))).toContain(
      "/offers: användningar av erbjudanden i Slack",
    );
    const home = h.emulator.views.get(USERS.admin.id);
    expect(JSON.stringify(home)).toContain("static_select");
    expect(JSON.stringify(home)).toContain("Dina erbjudandesammanställningar och larm");
    // The form follows the workspace's choice.
    expect(titleOf(await openForm())).toBe("Ny sammanställning");
    // The list says the schedules and rules made above in the workspace's language.
    const list = whole(await h.ephemeral(await h.command("list")));
    expect(list).toContain("varje dag kl. 08:00 (Europe/Oslo)");
    expect(list).toContain("färre än 100\u00a0000 användningar per timme under 1 intervall");
  });
});

// Block Kit `confirm` objects as a modal, like Slack's: title, text, confirm and deny buttons.
import { textObject } from "./mrkdwn.js";

const dialog = () => document.getElementById("confirm");

/** Resolves true when the person confirms, false when they deny or press Escape. */
export function askConfirm(confirm, ctx) {
  const d = dialog();
  const title = d.querySelector("[data-part=title]");
  const text = d.querySelector("[data-part=text]");
  const yes = d.querySelector("[data-part=confirm]");
  const no = d.querySelector("[data-part=deny]");
  title.textContent = confirm.title?.text ?? "Are you sure?";
  text.replaceChildren(textObject(confirm.text ?? { type: "plain_text", text: "" }, ctx));
  yes.textContent = confirm.confirm?.text ?? "Yes";
  no.textContent = confirm.deny?.text ?? "Cancel";
  yes.className = `btn ${confirm.style === "danger" ? "btn-danger" : "btn-primary"}`;
  return new Promise((resolve) => {
    const done = (answer) => {
      yes.onclick = null;
      no.onclick = null;
      d.onclose = null;
      if (d.open) d.close();
      resolve(answer);
    };
    yes.onclick = () => done(true);
    no.onclick = () => done(false);
    d.onclose = () => done(false);
    d.showModal();
    no.focus();
  });
}

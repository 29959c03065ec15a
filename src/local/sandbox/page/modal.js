// Modals (views.open / views.update) as Slack's client shows them: input blocks as form fields,
// sections and dividers as in messages, Submit and Cancel. A pick in an input with dispatch_action
// goes to the bot as block_actions; Submit as view_submission, whose field errors show under
// their fields. The bot redraws the modal (views.update) and the page follows the emulator's events.
import { renderBlocks } from "./blocks.js";
import { textObject } from "./mrkdwn.js";

const dialog = () => document.getElementById("modal");

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function optionNode(o, selected) {
  const node = document.createElement("option");
  node.value = o.value;
  node.textContent = o.text?.text ?? o.value;
  node.selected = selected;
  return node;
}

/** One input element as a form control, holding Slack's element so its value can be read back. */
function control(block, ctx) {
  const e = block.element ?? {};
  let node;
  switch (e.type) {
    case "static_select": {
      node = el("select", "modal-select");
      if (e.initial_option === undefined)
        node.append(optionNode({ value: "", text: { text: e.placeholder?.text ?? "" } }, true));
      for (const o of e.options ?? []) node.append(optionNode(o, o.value === e.initial_option?.value));
      break;
    }
    case "multi_static_select": {
      node = el("select", "modal-select");
      node.multiple = true;
      const chosen = new Set((e.initial_options ?? []).map((o) => o.value));
      for (const o of e.options ?? []) node.append(optionNode(o, chosen.has(o.value)));
      break;
    }
    case "conversations_select": {
      node = el("select", "modal-select");
      node.append(optionNode({ value: "", text: { text: e.placeholder?.text ?? "" } }, false));
      for (const [id, name] of Object.entries(ctx.names.channels)) {
        node.append(
          optionNode(
            { value: id, text: { text: `#${name}` } },
            id === (e.initial_conversation ?? ctx.channelId),
          ),
        );
      }
      break;
    }
    case "checkboxes": {
      node = el("div", "modal-checkboxes");
      const chosen = new Set((e.initial_options ?? []).map((o) => o.value));
      for (const o of e.options ?? []) {
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = o.value;
        box.checked = chosen.has(o.value);
        node.append(el("label", "modal-check", box, document.createTextNode(` ${o.text?.text ?? o.value}`)));
      }
      break;
    }
    default: {
      node = document.createElement("input");
      node.type = "text";
      node.className = "modal-text";
      node.value = e.initial_value ?? "";
      node.placeholder = e.placeholder?.text ?? "";
    }
  }
  node.dataset.block = block.block_id;
  node.dataset.testid = `modal-input-${block.block_id}`;
  return node;
}

/** The control's value in view.state.values shape. */
function controlValue(block, node) {
  const e = block.element ?? {};
  const byValue = (v) => (e.options ?? []).find((o) => o.value === v) ?? null;
  switch (e.type) {
    case "static_select":
      return { type: e.type, selected_option: node.value === "" ? null : byValue(node.value) };
    case "multi_static_select":
      return {
        type: e.type,
        selected_options: [...node.selectedOptions].map((o) => byValue(o.value)).filter(Boolean),
      };
    case "conversations_select":
      return { type: e.type, selected_conversation: node.value === "" ? null : node.value };
    case "checkboxes":
      return {
        type: e.type,
        selected_options: [...node.querySelectorAll("input:checked")]
          .map((b) => byValue(b.value))
          .filter(Boolean),
      };
    default:
      return { type: "plain_text_input", value: node.value === "" ? null : node.value };
  }
}

export class Modal {
  constructor(ctx, post) {
    this.ctx = ctx;
    this.post = post;
    this.current = null;
    this.controls = [];
    const d = dialog();
    d.addEventListener("cancel", (ev) => {
      ev.preventDefault();
      this.close();
    });
  }

  values() {
    const out = {};
    for (const { block, node } of this.controls) {
      out[block.block_id] = { [block.element.action_id]: controlValue(block, node) };
    }
    return out;
  }

  /** Draws the bot's modal, or closes the dialog when there is none. */
  draw(modal) {
    const d = dialog();
    if (modal === null || modal === undefined || modal.closed) {
      if (this.current !== null && (modal == null || modal.id === this.current.id)) {
        this.current = null;
        if (d.open) d.close();
      }
      return;
    }
    this.current = modal;
    const view = modal.view;
    const body = el("div", "modal-body");
    this.controls = [];
    let group = [];
    const flush = () => {
      if (group.length > 0) body.append(renderBlocks(group, this.ctx));
      group = [];
    };
    for (const block of view.blocks ?? []) {
      if (block.type !== "input") {
        group.push(block);
        continue;
      }
      flush();
      const node = control(block, this.ctx);
      this.controls.push({ block, node });
      const label = el("label", "modal-label", textObject(block.label, this.ctx));
      const field = el("div", "modal-field", label, node);
      if (block.hint) field.append(el("div", "modal-hint", textObject(block.hint, this.ctx)));
      const error = el("div", "modal-error");
      error.dataset.errorFor = block.block_id;
      error.dataset.testid = "modal-error";
      error.hidden = true;
      field.append(error);
      field.dataset.block = block.block_id;
      if (block.dispatch_action) node.addEventListener("change", () => this.dispatch(block.block_id));
      body.append(field);
    }
    flush();
    const submit = el("button", "btn btn-primary", document.createTextNode(view.submit?.text ?? "Submit"));
    submit.type = "button";
    submit.dataset.testid = "modal-submit";
    submit.addEventListener("click", () => this.submit(submit));
    const cancel = el("button", "btn", document.createTextNode(view.close?.text ?? "Cancel"));
    cancel.type = "button";
    cancel.dataset.testid = "modal-cancel";
    cancel.addEventListener("click", () => this.close());
    const title = el("h2", "modal-title", document.createTextNode(view.title?.text ?? ""));
    title.dataset.testid = "modal-title";
    d.replaceChildren(title, body, el("div", "confirm-buttons", cancel, submit));
    d.dataset.viewId = modal.id;
    d.dataset.hash = modal.hash ?? "";
    if (!d.open) d.showModal();
  }

  async dispatch(blockId) {
    if (this.current === null) return;
    await this.post("/sandbox/view-action", {
      view_id: this.current.id,
      block_id: blockId,
      values: this.values(),
    });
  }

  async submit(button) {
    if (this.current === null) return;
    // The bot's answer may close the modal (an event) before this request returns: keep its id.
    const id = this.current.id;
    button.disabled = true;
    try {
      const answer = await this.post("/sandbox/view-submit", {
        view_id: id,
        values: this.values(),
      });
      for (const node of dialog().querySelectorAll(".modal-error")) node.hidden = true;
      if (answer.errors) {
        for (const [block, message] of Object.entries(answer.errors)) {
          const node = dialog().querySelector(`[data-error-for="${CSS.escape(block)}"]`);
          if (node === null) continue;
          node.textContent = message;
          node.hidden = false;
        }
        return;
      }
      if (answer.ok) this.draw({ id, closed: true });
    } finally {
      button.disabled = false;
    }
  }

  async close() {
    if (this.current === null) return;
    const id = this.current.id;
    this.draw({ id, closed: true });
    await this.post("/sandbox/view-close", { view_id: id });
  }
}

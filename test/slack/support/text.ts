/** Reading what a person would see in a message: its text and every text in its blocks. */
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text?: string | { text?: string } }[];
}

export function blocksText(blocks: readonly unknown[] | undefined): string {
  return ((blocks ?? []) as Block[])
    .flatMap((b) => [
      b.text?.text ?? "",
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? ""))),
    ])
    .join("\n");
}

/** Fallback text and blocks together. */
export function shown(m: Pick<EmulatorMessage, "text" | "blocks">): string {
  return `${m.text}\n${blocksText(m.blocks)}`;
}

/** The item id an answer names as `#12`. */
export function idIn(text: string): number {
  const m = /#(\d+)/.exec(text);
  if (m === null) throw new Error(`no #id in: ${text}`);
  return Number(m[1]);
}

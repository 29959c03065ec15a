/** What the bot answers a person with: fallback text and, when it has them, Block Kit blocks. */
import type { Block } from "./blocks.ts";

export interface Reply {
  text: string;
  blocks?: Block[];
}

/**
 * OAuth mode, a workspace on demo data (`/offers connect demo`): every message it is sent says so,
 * first line of the fallback text and a context block on top, so built-in simulator numbers are never
 * mistaken for the club's own. Wraps a Delivery; the messages themselves are built unchanged.
 */
import type { ChartRef, Delivery, OutgoingMessage } from "./types.ts";

export const DEMO_LABEL =
  "Demo data from the built-in simulator, not your club's numbers (/offers connect to use yours)";

export function labelled(m: OutgoingMessage): OutgoingMessage {
  const note = { type: "context", elements: [{ type: "mrkdwn", text: `:test_tube: ${DEMO_LABEL}` }] };
  // Slack's limit is 50 blocks a message: the label takes the first place, the last block gives way.
  const blocks = m.blocks === undefined ? undefined : [note, ...m.blocks].slice(0, 50);
  return { ...m, text: `${DEMO_LABEL}\n${m.text}`, ...(blocks === undefined ? {} : { blocks }) };
}

export function demoDelivery(inner: Delivery): Delivery {
  return {
    post: (p) => {
      const build = p.message;
      return inner.post({
        ...p,
        message: typeof build === "function" ? (chart: ChartRef) => labelled(build(chart)) : labelled(build),
      });
    },
    update: (p) => inner.update({ ...p, message: labelled(p.message) }),
    postEphemeral: (p) => inner.postEphemeral({ ...p, message: labelled(p.message) }),
    dm: (p) => inner.dm({ ...p, message: labelled(p.message) }),
    // Files go into messages or threads that carry the label already.
    upload: (chart) => inner.upload(chart),
    shareFile: (p) => inner.shareFile(p),
  };
}

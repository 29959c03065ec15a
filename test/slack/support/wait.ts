/**
 * Waiting for the bot without sleeping: re-check a condition each time the emulator records
 * something (a call, a message, an edit, a Home view) and give up after a deadline, saying what was
 * awaited and what the emulator had by then.
 */
import type { SlackEmulator } from "../../../src/local/slack-emulator/index.ts";

export function waitFor<T>(
  emulator: SlackEmulator,
  check: () => T | undefined,
  what: string,
  // A deadline for a missing answer, not a speed target: an alert's answer waits on its 4-week
  // preview, which took over 5 s on a loaded 2-core machine (speed is measured by npm run bench).
  timeoutMs = 20_000,
): Promise<T> {
  const first = check();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise<T>((resolve, reject) => {
    const offs: Array<() => void> = [];
    const done = () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
    const again = () => {
      let value: T | undefined;
      try {
        value = check();
      } catch (e) {
        done();
        reject(e);
        return;
      }
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const timer = setTimeout(() => {
      done();
      const calls = emulator.calls.map((c) => `${c.method}:${c.outcome}`).join(", ");
      reject(
        new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}. Slack calls so far: ${calls || "none"}`,
        ),
      );
    }, timeoutMs);
    for (const event of ["message", "update", "view", "call", "file", "delete"] as const) {
      offs.push(emulator.on(event, () => queueMicrotask(again)));
    }
  });
}

/**
 * The three pages of "Add to Slack": the install page (a button to Slack's Allow page, whose URL
 * carries the signed state), the page after a successful install, and the page after a refused one.
 * Plain HTML, no script; every value shown is escaped.
 */
import type { ServerResponse } from "node:http";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}
a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}
code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}</style></head><body>${body}</body></html>`;
}

export function installPage(url: string): string {
  return page(
    "Add offer-digest to Slack",
    `<h1>offer-digest</h1><p>Placewise offer usage digests, schedules and alerts in your Slack workspace.</p>
<p><a class="button" id="add-to-slack" href="${escapeHtml(url)}">Add to Slack</a></p>
<p>After installing, type <code>/offers connect</code> in a channel to connect your Placewise access.</p>`,
  );
}

export function sendInstalled(res: ServerResponse, teamName: string | null): void {
  const where = teamName === null ? "your workspace" : escapeHtml(teamName);
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    page(
      "offer-digest is installed",
      `<h1 id="installed">offer-digest is installed in ${where}</h1>
<p>Next, in any channel: invite the bot (<code>/invite @offer-digest</code>), type <code>/offers connect</code>
to connect your Placewise customer, then <code>/offers report last 7d interval=1d</code>.</p>`,
    ),
  );
}

/** The reason shown is the installer's code only (no detail from Slack's answer, no token). */
export function sendInstallFailed(res: ServerResponse, code: string): void {
  const why =
    code === "slack_oauth_invalid_state" || code === "slack_oauth_missing_state"
      ? "the install link was not started in this browser, was changed, or is older than 10 minutes"
      : code === "slack_oauth_installer_authorization_error"
        ? "the installation was cancelled"
        : "Slack did not accept the installation request";
  res.writeHead(400, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    page(
      "Installation failed",
      `<h1 id="install-failed">Installation failed</h1><p>Nothing was installed: ${escapeHtml(why)}.</p>
<p><a href="/slack/install">Start again</a>.</p>`,
    ),
  );
}

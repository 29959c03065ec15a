/**
 * "Add to Slack" as Slack does it, on loopback: several workspaces behind one API, each with the bot
 * tokens issued to it; an Allow page (`GET /oauth/v2/authorize`) a test or a browser can walk; and
 * `oauth.v2.access`, which swaps a one-time code (10 minutes, single use, bound to its redirect_uri)
 * for a new bot token when the client id and secret are right. Error names are Slack's:
 * `invalid_client_id`, `bad_client_secret`, `invalid_code`, `bad_redirect_uri`.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import type { Clock } from "../../util/clock.ts";
import { ResponseUrls } from "./response-url.ts";
import type { EmulatorChannel, EmulatorUser } from "./types.ts";
import { Workspace } from "./workspace.ts";

export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's configured redirect URL (its manifest's): used when the Allow URL names none, and the only one accepted. */
  redirectUri?: string;
}

export interface WorkspaceSpec {
  readonly teamId: string;
  readonly name: string;
  readonly botUserId?: string;
  readonly channels?: EmulatorChannel[];
  readonly users?: EmulatorUser[];
}

export interface Tenant {
  readonly ws: Workspace;
  readonly name: string;
  readonly responseUrls: ResponseUrls;
}

interface Grant {
  readonly teamId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly expiresAt: number;
  used: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

/** Workspaces by team id, tokens to workspaces, and the grants of the Allow page. */
export class Tenants {
  readonly byTeam = new Map<string, Tenant>();
  readonly byToken = new Map<string, Tenant>();
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly clock: Clock,
    readonly app: OAuthApp | null,
  ) {}

  add(t: Tenant, token: string | null): Tenant {
    this.byTeam.set(t.ws.teamId, t);
    if (token !== null) this.byToken.set(token, t);
    return t;
  }

  create(spec: WorkspaceSpec): Tenant {
    const botUserId = spec.botUserId ?? `U0BOT${spec.teamId.slice(1)}`;
    const ws = new Workspace(
      this.clock,
      spec.teamId,
      botUserId,
      spec.channels ?? [{ id: `C0${spec.teamId.slice(1)}`, name: "general", members: [botUserId] }],
      spec.users ?? [],
    );
    // File ids stay unique across the workspaces of one emulator.
    ws.fileIdPrefix = spec.teamId.replace(/\W/g, "");
    return this.add({ ws, name: spec.name, responseUrls: new ResponseUrls(ws) }, null);
  }

  /** The app is removed from a workspace: its tokens stop working at once. */
  revoke(teamId: string): number {
    let n = 0;
    for (const [token, t] of this.byToken) {
      if (t.ws.teamId === teamId) {
        this.byToken.delete(token);
        n++;
      }
    }
    return n;
  }

  tokensOf(teamId: string): string[] {
    return [...this.byToken].filter(([, t]) => t.ws.teamId === teamId).map(([token]) => token);
  }

  /** `oauth.v2.access`: one answer, with Slack's error names. */
  access(args: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
    if (this.app === null) return { ok: false, error: "unknown_method" };
    let clientId = typeof args.client_id === "string" ? args.client_id : undefined;
    let secret = typeof args.client_secret === "string" ? args.client_secret : undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (basic !== undefined) {
      const [id, s] = Buffer.from(basic, "base64").toString("utf8").split(":");
      clientId ??= id;
      secret ??= s;
    }
    if (clientId !== this.app.clientId) return { ok: false, error: "invalid_client_id" };
    if (secret !== this.app.clientSecret) return { ok: false, error: "bad_client_secret" };
    const code = typeof args.code === "string" ? args.code : "";
    const grant = this.grants.get(code);
    if (grant === undefined || grant.used || this.clock.now() > grant.expiresAt) {
      // A reused code also revokes what it gave, as OAuth 2.0 (RFC 6749 §4.1.2) asks.
      if (grant?.used) this.revoke(grant.teamId);
      return { ok: false, error: "invalid_code" };
    }
    if (typeof args.redirect_uri === "string" && args.redirect_uri !== grant.redirectUri)
      return { ok: false, error: "bad_redirect_uri" };
    grant.used = true;
    const tenant = this.byTeam.get(grant.teamId) as Tenant;
    const token = `xoxb-${grant.teamId}-${randomBytes(12).toString("hex")}`;
    this.byToken.set(token, tenant);
    return {
      ok: true,
      app_id: "A0OFFERDIGEST",
      authed_user: {
        id: [...tenant.ws.users.keys()].find((u) => u !== tenant.ws.botUserId) ?? "U0INSTALLER",
      },
      scope: grant.scope,
      token_type: "bot",
      access_token: token,
      bot_user_id: tenant.ws.botUserId,
      team: { id: tenant.ws.teamId, name: tenant.name },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** GET: the Allow page; POST: a code for the chosen workspace, back to redirect_uri with the state. */
  async authorize(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): Promise<void> {
    if (this.app === null) return html(res, 404, "<p>This emulator has no OAuth app.</p>");
    if (req.method === "POST") {
      const form = parse(body.toString("utf8")) as Record<string, string>;
      const team = this.byTeam.get(form.team ?? "");
      const redirectUri = form.redirect_uri || this.app.redirectUri;
      if (form.client_id !== this.app.clientId || team === undefined)
        return html(res, 400, "<p id='oauth-error'>invalid_client_id or unknown workspace</p>");
      // Slack sends the code only to a redirect URL the app configured.
      if (
        redirectUri === undefined ||
        (this.app.redirectUri !== undefined && redirectUri !== this.app.redirectUri)
      )
        return html(res, 400, "<p id='oauth-error'>bad_redirect_uri</p>");
      const code = randomBytes(16).toString("hex");
      this.grants.set(code, {
        teamId: team.ws.teamId,
        clientId: form.client_id,
        redirectUri,
        scope: form.scope ?? "",
        expiresAt: this.clock.now() + CODE_TTL_MS,
        used: false,
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      if (form.state) back.searchParams.set("state", form.state);
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    const q = url.searchParams;
    if (q.get("client_id") !== this.app.clientId)
      return html(res, 400, "<p id='oauth-error'>invalid_client_id</p>");
    const hidden = ["client_id", "scope", "state", "redirect_uri"]
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? "")}">`)
      .join("");
    const options = [...this.byTeam.values()]
      .map((t) => `<option value="${esc(t.ws.teamId)}">${esc(t.name)}</option>`)
      .join("");
    html(
      res,
      200,
      `<h1>offer-digest is requesting permission to access a Slack workspace</h1>
<p>Scopes: ${esc(q.get("scope") ?? "")}</p>
<form method="post" action="/oauth/v2/authorize">${hidden}
<label>Workspace <select name="team" id="team">${options}</select></label>
<button type="submit" id="allow">Allow</button></form>`,
    );
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>Slack (emulator)</title></head><body>${body}</body></html>`,
  );
}

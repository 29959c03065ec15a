import type { Tenant, WorkspaceSpec } from "./oauth.ts";
import { listen } from "./server.ts";
import type {
  EmulatorChannel,
  EmulatorEventName,
  EmulatorEvents,
  EmulatorFile,
  EmulatorMessage,
  EmulatorOptions,
  Fault,
  OpenModal,
  PublishedView,
  RecordedCall,
} from "./types.ts";

export { CHANNEL_POSTS, SLACK_TIERS } from "./limits.ts";
export type { WorkspaceSpec } from "./oauth.ts";
export { DEFAULTS as EMULATOR_DEFAULTS } from "./server.ts";
export type * from "./types.ts";

/** One more workspace of the emulator (OAuth tests): what a test reads and changes in it. */
export interface EmulatorWorkspace {
  readonly teamId: string;
  readonly botUserId: string;
  readonly channels: ReadonlyMap<string, EmulatorChannel>;
  readonly views: ReadonlyMap<string, PublishedView>;
  /** Modals opened with views.open, in order. */
  readonly modals: readonly Record<string, unknown>[];
  /** Bot tokens issued to this workspace by oauth.v2.access and not revoked. */
  readonly tokens: readonly string[];
  messagesIn(channel: string, opts?: { ephemeral?: boolean }): EmulatorMessage[];
  responseUrl(channelId: string, userId: string, messageTs?: string): string;
  on<K extends EmulatorEventName>(event: K, cb: (payload: EmulatorEvents[K]) => void): () => void;
}

/**
 * An honest Slack Web API on loopback: real HTTP, Slack's validation and error names, files, threads,
 * metadata, response_url. Tests drive the real WebClient against it; the sandbox shows its messages.
 */
export interface SlackEmulator {
  /** Pass as the WebClient `slackApiUrl`, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  readonly origin: string;
  readonly token: string;
  readonly teamId: string;
  readonly botUserId: string;
  /** Every Web API call in arrival order (token removed). */
  readonly calls: readonly RecordedCall[];
  /** Per channel id, in posting order: thread replies and ephemeral messages included. */
  readonly messages: ReadonlyMap<string, readonly EmulatorMessage[]>;
  readonly files: ReadonlyMap<string, EmulatorFile>;
  readonly channels: ReadonlyMap<string, EmulatorChannel>;
  /** App Home views by user id. */
  readonly views: ReadonlyMap<string, PublishedView>;
  /** Modals by view id (views.open / views.update), closed ones included. */
  readonly modals: ReadonlyMap<string, OpenModal>;
  /** The modal a trigger opened, while it is open. */
  modalFor(triggerId: string): OpenModal | undefined;
  /** Closes a modal, as Slack does when its submission is acknowledged without response_action. */
  closeModal(viewId: string): void;
  /** Messages of one channel; without ephemeral ones unless asked. */
  messagesIn(channel: string, opts?: { ephemeral?: boolean }): EmulatorMessage[];
  callsOf(method: string): RecordedCall[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** A URL that behaves like Slack's response_url for this channel and user (and message, for interactions). */
  responseUrl(channelId: string, userId: string, messageTs?: string): string;
  /** GET URL serving a file's bytes, for the sandbox page. */
  fileUrl(fileId: string): string;
  addChannel(channel: EmulatorChannel): void;
  /** Adds or removes a member, e.g. the bot being kicked from a channel. */
  setMember(channelId: string, userId: string, member: boolean): void;
  archive(channelId: string): void;
  on<K extends EmulatorEventName>(event: K, cb: (payload: EmulatorEvents[K]) => void): () => void;
  /** Slack's Allow page of this emulator (SLACK_AUTHORIZE_URL); needs `oauth` in the options. */
  readonly authorizeUrl: string;
  /** A workspace the app can be installed in (Allow page lists it); no token until installed. */
  addWorkspace(spec: WorkspaceSpec): EmulatorWorkspace;
  workspace(teamId: string): EmulatorWorkspace;
  /** The app's configured redirect URL (known once the app listens). */
  setOAuthRedirect(uri: string): void;
  /** The app is removed from a workspace: its tokens answer invalid_auth from now on. */
  revoke(teamId: string): void;
  close(): Promise<void>;
}

export async function startSlackEmulator(opts: EmulatorOptions = {}): Promise<SlackEmulator> {
  const r = await listen(opts);
  const { ws } = r;
  const channel = (id: string): EmulatorChannel => {
    const c = ws.channels.get(id);
    if (c === undefined)
      throw new Error(`emulator has no channel ${id}; known: ${[...ws.channels.keys()].join(", ")}`);
    return c;
  };
  const view = (t: Tenant): EmulatorWorkspace => ({
    teamId: t.ws.teamId,
    botUserId: t.ws.botUserId,
    channels: t.ws.channels,
    views: t.ws.views,
    get modals() {
      return [...t.ws.modals.values()].map((m) => m.view);
    },
    get tokens() {
      return r.tenants.tokensOf(t.ws.teamId);
    },
    messagesIn: (id, o = {}) => t.ws.list(id).filter((m) => o.ephemeral === true || !m.ephemeral),
    responseUrl: (channelId, userId, messageTs) =>
      `${r.origin}/response/${t.responseUrls.create(channelId, userId, messageTs)}`,
    on: (event, cb) => {
      const listener = cb as (p: unknown) => void;
      t.ws.events.on(event, listener);
      return () => t.ws.events.off(event, listener);
    },
  });
  return {
    authorizeUrl: `${r.origin}/oauth/v2/authorize`,
    addWorkspace: (spec) => view(r.tenants.create(spec)),
    setOAuthRedirect: (uri) => {
      if (r.tenants.app === null) throw new Error("This emulator was started without oauth.");
      r.tenants.app.redirectUri = uri;
    },
    workspace: (teamId) => {
      const t = r.tenants.byTeam.get(teamId);
      if (t === undefined) throw new Error(`emulator has no workspace ${teamId}`);
      return view(t);
    },
    revoke: (teamId) => {
      r.tenants.revoke(teamId);
    },
    apiUrl: `${r.origin}/api/`,
    origin: r.origin,
    token: r.token,
    teamId: ws.teamId,
    botUserId: ws.botUserId,
    calls: r.calls,
    messages: ws.messages,
    files: ws.files,
    channels: ws.channels,
    views: ws.views,
    modals: ws.modals,
    modalFor: (triggerId) => [...ws.modals.values()].find((m) => m.triggerId === triggerId && !m.closed),
    closeModal: (id) => ws.closeModal(id),
    messagesIn: (id, o = {}) => ws.list(id).filter((m) => o.ephemeral === true || !m.ephemeral),
    callsOf: (method) => r.calls.filter((c) => c.method === method),
    injectFault: (f) => {
      if (!r.testHooks) throw new Error("This emulator was started without testHooks: no faults.");
      r.faults.add(f);
    },
    clearFaults: () => r.faults.clear(),
    responseUrl: (channelId, userId, messageTs) =>
      `${r.origin}/response/${r.responseUrls.create(channelId, userId, messageTs)}`,
    fileUrl: (fileId) => `${r.origin}/files/${fileId}`,
    addChannel: (c) => {
      ws.addChannel(c);
    },
    setMember: (channelId, userId, member) => {
      const c = channel(channelId);
      c.members = c.members.filter((u) => u !== userId);
      if (member) c.members.push(userId);
    },
    archive: (channelId) => {
      channel(channelId).isArchived = true;
    },
    on: (event, cb) => {
      const listener = cb as (p: unknown) => void;
      ws.events.on(event, listener);
      return () => ws.events.off(event, listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        r.server.close((e) => (e ? reject(e) : resolve()));
        // Keep-alive sockets from fetch would hold close() open for seconds.
        r.server.closeAllConnections();
      }),
  };
}

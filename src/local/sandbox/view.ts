import type { EmulatorMessage, OpenModal, PublishedView, SlackEmulator } from "../slack-emulator/index.ts";
import { dmChannelId, placeOf } from "./dm.ts";

/** One message as the page draws it. Files and image blocks point at the sandbox's own file route. */
export interface PageMessage {
  /** The channel id: the sandbox channel, or the person's DM with the bot. */
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  user: string;
  userName: string;
  isBot: boolean;
  edited: boolean;
  ephemeral: boolean;
  files: Array<{ id: string; name: string; title: string; url: string; image: boolean }>;
}

export interface PageState {
  team: { id: string };
  channel: { id: string; name: string };
  me: { id: string; name: string };
  bot: { id: string; name: string };
  messages: PageMessage[];
  /** The app's Messages tab: the DM the bot opened with the person (id null until it has). */
  dm: { id: string | null; messages: PageMessage[] };
  /** The App Home view's blocks, or null before the bot has published one. */
  home: { blocks: unknown[] } | null;
  runDue: boolean;
  /** The open modal (views.open), or null: the sandbox has one person, so every modal is theirs. */
  modal: PageModal | null;
}

export interface PageModal {
  id: string;
  /** Changes on every views.update. */
  hash: string;
  view: Record<string, unknown>;
  closed: boolean;
}

export function pageModal(m: OpenModal): PageModal {
  return { id: m.id, hash: m.hash, view: m.view, closed: m.closed };
}

export interface ViewScope {
  channelId: string;
  userId: string;
  userName: string;
  botName: string;
}

/** URL path under which the page fetches an uploaded file's bytes. */
export function fileRoute(id: string): string {
  return `/sandbox/files/${encodeURIComponent(id)}`;
}

export function pageMessage(scope: ViewScope, emulator: SlackEmulator, m: EmulatorMessage): PageMessage {
  const isBot = m.user === emulator.botUserId;
  return {
    channel: m.channel,
    ts: m.ts,
    ...(m.thread_ts === undefined || m.thread_ts === m.ts ? {} : { threadTs: m.thread_ts }),
    text: m.text,
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    user: m.user,
    userName: isBot ? scope.botName : m.user === scope.userId ? scope.userName : m.user,
    isBot,
    edited: m.edited !== undefined,
    ephemeral: m.ephemeral,
    files: m.files.map((f) => ({
      id: f.id,
      name: f.name,
      title: f.title,
      url: fileRoute(f.id),
      image: /\.(png|jpe?g|gif|webp)$/i.test(f.name),
    })),
  };
}

export function homeView(view: PublishedView | undefined): PageState["home"] {
  if (view === undefined) return null;
  const blocks = view.view.blocks;
  return { blocks: Array.isArray(blocks) ? blocks : [] };
}

export function pageState(
  scope: ViewScope & { teamId: string; channelName: string; runDue: boolean },
  emulator: SlackEmulator,
): PageState {
  const seen = (id: string | undefined): PageMessage[] =>
    (id === undefined ? [] : (emulator.messages.get(id) ?? []))
      .filter((m) => placeOf(scope, emulator, m) !== null)
      .map((m) => pageMessage(scope, emulator, m));
  const dm = dmChannelId(emulator, scope.userId);
  return {
    team: { id: scope.teamId },
    channel: { id: scope.channelId, name: scope.channelName },
    me: { id: scope.userId, name: scope.userName },
    bot: { id: emulator.botUserId, name: scope.botName },
    messages: seen(scope.channelId),
    dm: { id: dm ?? null, messages: seen(dm) },
    home: homeView(emulator.views.get(scope.userId)),
    runDue: scope.runDue,
    modal: (() => {
      const open = [...emulator.modals.values()].filter((m) => !m.closed).at(-1);
      return open === undefined ? null : pageModal(open);
    })(),
  };
}

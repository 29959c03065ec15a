import { EventEmitter } from "node:events";
import type { Clock } from "../../util/clock.ts";
import { ApiFailure } from "./args.ts";
import type {
  EmulatorChannel,
  EmulatorEventName,
  EmulatorEvents,
  EmulatorFile,
  EmulatorMessage,
  EmulatorUser,
  OpenModal,
  PublishedView,
} from "./types.ts";

/** Everything one emulated Slack workspace holds; the method handlers read and change it. */
export class Workspace {
  readonly channels = new Map<string, EmulatorChannel>();
  readonly users = new Map<string, EmulatorUser>();
  /** Per channel, in posting order; thread replies and ephemeral messages included. */
  readonly messages = new Map<string, EmulatorMessage[]>();
  readonly files = new Map<string, EmulatorFile>();
  readonly views = new Map<string, PublishedView>();
  /** Modals by view id, in opening order. */
  readonly modals = new Map<string, OpenModal>();
  readonly events = new EventEmitter();
  private modalSeq = 0;
  private lastMicros = 0;
  private fileSeq = 0;
  /** Set for the extra workspaces of one emulator (oauth.ts), so file ids never collide between them. */
  fileIdPrefix = "";

  constructor(
    readonly clock: Clock,
    readonly teamId: string,
    readonly botUserId: string,
    channels: EmulatorChannel[],
    users: EmulatorUser[],
  ) {
    this.users.set(botUserId, { id: botUserId, name: "offer-digest", isBot: true });
    for (const u of users) this.users.set(u.id, { ...u });
    for (const c of channels) this.addChannel(c);
    this.events.setMaxListeners(100);
  }

  openModal(triggerId: string, view: Record<string, unknown>): OpenModal {
    this.modalSeq++;
    const modal: OpenModal = {
      id: `VMODAL${String(this.modalSeq).padStart(4, "0")}`,
      triggerId,
      view,
      hash: `${this.clock.now()}.${this.modalSeq}`,
      openedAt: this.clock.now(),
      closed: false,
    };
    this.modals.set(modal.id, modal);
    this.emit("modal", modal);
    return modal;
  }

  updateModal(modal: OpenModal, view: Record<string, unknown>): OpenModal {
    this.modalSeq++;
    modal.view = view;
    modal.hash = `${this.clock.now()}.${this.modalSeq}`;
    this.emit("modal", modal);
    return modal;
  }

  closeModal(id: string): void {
    const modal = this.modals.get(id);
    if (modal === undefined || modal.closed) return;
    modal.closed = true;
    this.emit("modal", modal);
  }

  addChannel(c: EmulatorChannel): EmulatorChannel {
    const copy = { ...c, members: [...c.members] };
    this.channels.set(c.id, copy);
    if (!this.messages.has(c.id)) this.messages.set(c.id, []);
    return copy;
  }

  emit<K extends EmulatorEventName>(event: K, payload: EmulatorEvents[K]): void {
    this.events.emit(event, payload);
  }

  /** Slack ts: seconds.microseconds, unique and increasing within the workspace. */
  nextTs(): string {
    const micros = Math.max(this.clock.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const s = Math.floor(micros / 1e6);
    return `${s}.${String(micros - s * 1e6).padStart(6, "0")}`;
  }

  nextFileId(): string {
    this.fileSeq += 1;
    return `F${this.fileIdPrefix}${String(this.fileSeq).padStart(9, "0")}`;
  }

  /** Finds a channel by id or `#name`; a user id means the DM with that user, opened on demand. */
  resolveChannel(idOrName: string): EmulatorChannel {
    if (this.users.has(idOrName) && idOrName !== this.botUserId) return this.openIm(idOrName);
    const byId = this.channels.get(idOrName);
    if (byId !== undefined) return byId;
    const name = idOrName.replace(/^#/, "");
    for (const c of this.channels.values()) if (!c.isIm && c.name === name) return c;
    throw new ApiFailure("channel_not_found");
  }

  /**
   * The checks Slack makes before the bot writes or reads a channel: a private channel the bot is not in
   * looks like it does not exist; a public one answers not_in_channel.
   */
  channelForBot(idOrName: string, opts: { write: boolean }): EmulatorChannel {
    const c = this.resolveChannel(idOrName);
    const member = c.members.includes(this.botUserId);
    if (!member && (c.isPrivate || c.isIm)) throw new ApiFailure("channel_not_found");
    if (opts.write && c.isArchived) throw new ApiFailure("is_archived");
    if (!member) throw new ApiFailure("not_in_channel");
    return c;
  }

  openIm(userId: string): EmulatorChannel {
    if (!this.users.has(userId)) throw new ApiFailure("user_not_found");
    const id = `D${userId.slice(1)}`;
    return (
      this.channels.get(id) ??
      this.addChannel({ id, name: userId, isIm: true, members: [this.botUserId, userId] })
    );
  }

  list(channel: string): EmulatorMessage[] {
    let list = this.messages.get(channel);
    if (list === undefined) {
      list = [];
      this.messages.set(channel, list);
    }
    return list;
  }

  find(channel: string, ts: string): EmulatorMessage | undefined {
    return this.list(channel).find((m) => m.ts === ts && !m.ephemeral);
  }

  store(m: EmulatorMessage): EmulatorMessage {
    this.list(m.channel).push(m);
    this.emit("message", m);
    return m;
  }

  remove(channel: string, ts: string): void {
    const list = this.list(channel);
    const i = list.findIndex((m) => m.ts === ts && !m.ephemeral);
    if (i === -1) throw new ApiFailure("message_not_found");
    list.splice(i, 1);
    this.emit("delete", { channel, ts });
  }

  fileReady(id: string): boolean {
    return this.files.get(id)?.completed === true;
  }
}

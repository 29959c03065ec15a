// Which view the page shows: the channel, or the app with its Home and Messages tabs (Slack's App
// Home), plus the unread count of direct messages that arrived while the Messages tab was not shown.

const $ = (id) => document.getElementById(id);

export class Views {
  /** onOpen(tab) runs when an app tab is opened: Slack sends app_home_opened for both tabs. */
  constructor({ onOpen, onChannel }) {
    this.onOpen = onOpen;
    this.onChannel = onChannel;
    this.where = "channel";
    // Slack reopens the app on the tab last used; Home first.
    this.lastTab = "home";
    this.unread = 0;
    $("nav-channel").addEventListener("click", () => this.show("channel"));
    // Unread messages are what the person wants to see, so they win over the last tab.
    $("nav-app").addEventListener("click", () => this.show(this.unread > 0 ? "messages" : this.lastTab));
    $("app-tab-home").addEventListener("click", () => this.show("home"));
    $("app-tab-messages").addEventListener("click", () => this.show("messages"));
  }

  /** where: "channel", "home" or "messages". */
  show(where) {
    const inApp = where !== "channel";
    this.where = where;
    $("channel-view").hidden = inApp;
    $("app-view").hidden = !inApp;
    $("nav-channel").classList.toggle("active", !inApp);
    $("nav-app").classList.toggle("active", inApp);
    if (!inApp) {
      this.onChannel();
      return;
    }
    this.lastTab = where;
    for (const tab of ["home", "messages"]) {
      const button = $(`app-tab-${tab}`);
      button.classList.toggle("active", tab === where);
      button.setAttribute("aria-selected", String(tab === where));
    }
    $("home").hidden = where !== "home";
    $("dm-pane").hidden = where !== "messages";
    if (where === "messages") this.setUnread(0);
    this.onOpen(where);
  }

  /** A new direct message arrived (not an edit): unread unless the Messages tab is on screen. */
  noteDm() {
    if (this.where !== "messages") this.setUnread(this.unread + 1);
  }

  setUnread(n) {
    this.unread = n;
    const badge = $("nav-app-unread");
    badge.hidden = n === 0;
    badge.textContent = n > 9 ? "9+" : String(n);
    $("nav-app").classList.toggle("has-unread", n > 0);
    $("app-tab-messages").classList.toggle("has-unread", n > 0);
  }
}

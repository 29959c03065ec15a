/**
 * Bolt's own OAuth v2 installer, set up for offer-digest: `GET /slack/install` shows an "Add to
 * Slack" page and sets the state cookie; `GET /slack/oauth_redirect` checks the state (signed with
 * SLACK_STATE_SECRET, at most 10 minutes old, and equal to this browser's cookie), exchanges the code
 * with `oauth.v2.access` (client id and secret), and stores the installation through our store.
 */
import type { HTTPReceiverOptions, InstallationStore, Logger } from "@slack/bolt";
import { installPage, sendInstalled, sendInstallFailed } from "./pages.ts";
import { BOT_SCOPES } from "./scopes.ts";

export interface OAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  /** Slack's Allow page (tests: the emulator's). */
  readonly authorizeUrl: string;
  readonly installationStore: InstallationStore;
}

export function oauthReceiverOptions(
  o: OAuthOptions,
  apiUrl: string,
  logger: Logger,
): Partial<HTTPReceiverOptions> {
  return {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    installationStore: o.installationStore,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: "/slack/install",
      redirectUriPath: "/slack/oauth_redirect",
      // The state is bound to the browser that started the install (cookie), Bolt's default, kept on.
      stateVerification: true,
      directInstall: false,
      authorizationUrl: o.authorizeUrl,
      // oauth.v2.access and the auth.test after it go to SLACK_API_URL, never to slack.com in tests.
      clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
      renderHtmlForInstallPath: installPage,
      callbackOptions: {
        success: (installation, _options, _req, res) =>
          sendInstalled(res, installation.team?.name ?? installation.enterprise?.name ?? null),
        failure: (error, _options, _req, res) => {
          // The code only: Slack's answer may carry details we do not print.
          logger.warn(`install refused: ${error.code}`);
          sendInstallFailed(res, error.code);
        },
      },
    },
  };
}

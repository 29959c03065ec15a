/**
 * OAuth mode at start-up: the keyring from ENCRYPTION_KEY (and ENCRYPTION_KEY_OLD while rotating),
 * and every stored token sealed with another key re-encrypted with the new one, so the old key can
 * be dropped at the next start. Counts are logged, never values.
 */
import type { TeamAccess } from "../app/teams.ts";
import type { OAuthConfig } from "../config.ts";
import type { Db } from "../store/db.ts";
import { Keyring, resealInstallations } from "../store/installations.ts";
import { resealConnections } from "../store/placewise-connections.ts";
import type { Logger } from "../util/log.ts";

export async function rotateKeys(
  db: Db,
  keyring: Keyring,
): Promise<{ installations: number; connections: number }> {
  return {
    installations: await resealInstallations(db, keyring),
    connections: await resealConnections(db, keyring),
  };
}

export async function startOAuth(
  config: OAuthConfig,
  opts: { db: Db; log: Logger; create: (keyring: Keyring) => TeamAccess },
): Promise<TeamAccess> {
  const keyring = new Keyring(config.encryptionKey, config.encryptionKeyOld);
  const n = await rotateKeys(opts.db, keyring);
  if (n.installations + n.connections > 0)
    opts.log.info("re-encrypted stored tokens with ENCRYPTION_KEY", { ...n, key: keyring.currentId });
  else if (config.encryptionKeyOld !== null)
    opts.log.info("ENCRYPTION_KEY_OLD is set but nothing is sealed with it any more: it can be removed");
  return opts.create(keyring);
}

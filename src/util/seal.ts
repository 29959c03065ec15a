/**
 * Secrets at rest (Slack and Placewise tokens): AES-256-GCM with a 12-byte random nonce per value,
 * through node:crypto (no library needed: GCM is the whole scheme, authenticated, one call each way).
 * A sealed value reads `v1.<key id>.<nonce>.<tag>.<ciphertext>` (base64url): the key id is the first 8
 * hex digits of SHA-256 over the key, so a value says which key opens it and rotation needs no guess.
 * The associated data binds a value to where it is stored (e.g. `slack_installations:T123`), so a
 * sealed token copied into another team's row does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { CodedError } from "./errors.ts";

const VERSION = "v1";

export class SealError extends CodedError<"seal_failed"> {
  override readonly name = "SealError";
}

/** A 32-byte key and its id. */
interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

function keyOf(bytes: Buffer): Key {
  if (bytes.length !== 32) throw new SealError("seal_failed", `a key must be 32 bytes, not ${bytes.length}`);
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

/** ENCRYPTION_KEY seals; ENCRYPTION_KEY_OLD (while re-encrypting) still opens. */
export class Keyring {
  private readonly current: Key;
  private readonly all: Map<string, Key>;

  constructor(current: Buffer, old: Buffer | null = null) {
    this.current = keyOf(current);
    this.all = new Map([[this.current.id, this.current]]);
    if (old !== null) {
      const k = keyOf(old);
      if (!this.all.has(k.id)) this.all.set(k.id, k);
    }
  }

  /** The id of the key new values are sealed with. */
  get currentId(): string {
    return this.current.id;
  }

  seal(plain: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.bytes, nonce);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
    return [VERSION, this.current.id, ...parts].join(".");
  }

  /** The key id a sealed value names (null for something that is not a sealed value). */
  static keyIdOf(sealed: string): string | null {
    const parts = sealed.split(".");
    return parts.length === 5 && parts[0] === VERSION ? (parts[1] as string) : null;
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split(".");
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new SealError("seal_failed", "a stored secret is not in the sealed format");
    const key = this.all.get(parts[1] as string);
    if (key === undefined) {
      throw new SealError(
        "seal_failed",
        `a stored secret was sealed with key ${parts[1]}, which is neither ENCRYPTION_KEY (${this.current.id}) nor ENCRYPTION_KEY_OLD: set the key it was sealed with as ENCRYPTION_KEY_OLD`,
      );
    }
    const [nonce, tag, body] = parts.slice(2).map((p) => Buffer.from(p, "base64url")) as [
      Buffer,
      Buffer,
      Buffer,
    ];
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.bytes, nonce);
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      throw new SealError(
        "seal_failed",
        "a stored secret does not open: it was changed, or moved from another row",
      );
    }
  }

  /** Sealed with the current key already (nothing to re-encrypt). */
  isCurrent(sealed: string): boolean {
    return Keyring.keyIdOf(sealed) === this.current.id;
  }
}

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Keyring } from "../../src/util/seal.ts";

describe("sealed secrets (AES-256-GCM)", () => {
  it("opens what it sealed, and the sealed text shows neither the secret nor the key", () => {
    const k = randomBytes(32);
    const ring = new Keyring(k);
    const sealed = ring.seal("xoxb-secret-token", "row:T1");
    expect(sealed).not.toContain("xoxb");
    expect(sealed).not.toContain(k.toString("base64"));
    expect(ring.open(sealed, "row:T1")).toBe("xoxb-secret-token");
    // A fresh nonce each time: the same token never seals to the same text.
    expect(ring.seal("xoxb-secret-token", "row:T1")).not.toBe(sealed);
  });

  it("refuses a changed byte, another row's context and a wrong key", () => {
    const ring = new Keyring(randomBytes(32));
    const sealed = ring.seal("token", "row:T1");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[4] as string, "base64url");
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => ring.open(parts.join("."), "row:T1")).toThrow(/does not open/);
    expect(() => ring.open(sealed, "row:T2")).toThrow(/does not open/);
    expect(() => new Keyring(randomBytes(32)).open(sealed, "row:T1")).toThrow(/ENCRYPTION_KEY_OLD/);
    expect(() => ring.open("xoxb-plain", "row:T1")).toThrow(/not in the sealed format/);
  });

  it("with an old key, opens values of both keys and seals with the new one", () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const old = new Keyring(oldKey).seal("t", "c");
    const both = new Keyring(newKey, oldKey);
    expect(both.open(old, "c")).toBe("t");
    expect(both.isCurrent(old)).toBe(false);
    expect(both.isCurrent(both.seal("t", "c"))).toBe(true);
  });
});

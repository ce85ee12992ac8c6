import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { parseCookies, readSessionCookie } from "./session-cookie";

const secret = "x".repeat(40);

describe("readSessionCookie", () => {
  it("reads an Auth.js session cookie, plain or chunked", async () => {
    const name = "authjs.session-token";
    const token = await encode({ token: { sub: "u1", sid: "s1" }, secret, salt: name });
    expect(await readSessionCookie(`a=b; ${name}=${token}`, secret)).toEqual({ userId: "u1", sessionId: "s1" });
    const half = Math.floor(token.length / 2);
    const chunked = `${name}.0=${token.slice(0, half)}; ${name}.1=${token.slice(half)}`;
    expect(await readSessionCookie(chunked, secret)).toEqual({ userId: "u1", sessionId: "s1" });
  });

  it("refuses cookies made with another secret, without a session id, or garbage", async () => {
    const name = "authjs.session-token";
    const token = await encode({ token: { sub: "u1", sid: "s1" }, secret: "y".repeat(40), salt: name });
    const old = await encode({ token: { sub: "u1", sv: 0 }, secret, salt: name });
    expect(await readSessionCookie(`${name}=${old}`, secret)).toBeNull();
    expect(await readSessionCookie(`${name}=${token}`, secret)).toBeNull();
    expect(await readSessionCookie(`${name}=garbage`, secret)).toBeNull();
    expect(await readSessionCookie(undefined, secret)).toBeNull();
  });
});

describe("readSessionCookie's memory of decoded cookies", () => {
  it("answers a cookie seen before the same way, until its exp, and never for another secret", async () => {
    const name = "authjs.session-token";
    const token = await encode({ token: { sub: "u2", sid: "s2" }, secret, salt: name, maxAge: 2 });
    const header = `${name}=${token}`;
    expect(await readSessionCookie(header, secret)).toEqual({ userId: "u2", sessionId: "s2" });
    expect(await readSessionCookie(header, secret)).toEqual({ userId: "u2", sessionId: "s2" });
    expect(await readSessionCookie(header, "z".repeat(40))).toBeNull();
    // Past its exp and past the 15 s clock tolerance of Auth.js's own check.
    vi.useFakeTimers({ now: Date.now() + 20_000 });
    try {
      expect(await readSessionCookie(header, secret)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("parseCookies", () => {
  it("splits a header and decodes values", () => {
    expect([...parseCookies("a=1; b=x%20y; bad; c=%E0%A4%A")]).toEqual([
      ["a", "1"],
      ["b", "x y"],
      ["c", "%E0%A4%A"],
    ]);
  });
});

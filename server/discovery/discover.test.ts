import { describe, expect, it } from "vitest";
import { requestOrigin as discoverSocketUrl } from "./discover";

describe("requestOrigin", () => {
  it("answers the origin the client reached", () => {
    expect(discoverSocketUrl(undefined, new Headers({ host: "chat.local:3000" }), "http://localhost:3000")).toBe("http://chat.local:3000");
  });
  it("prefers PUBLIC_URL and honours a proxy's https", () => {
    expect(discoverSocketUrl("https://chat.example.com/", new Headers({ host: "x" }), "http://localhost")).toBe("https://chat.example.com");
    expect(discoverSocketUrl(undefined, new Headers({ host: "chat.example.com", "x-forwarded-proto": "https" }), "http://localhost")).toBe("https://chat.example.com");
  });
  it("ignores a malformed host header", () => {
    expect(discoverSocketUrl(undefined, new Headers({ host: "evil.com/path?x" }), "http://localhost:3000")).toBe("http://localhost:3000");
  });
});

import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const own = { hosts: ["chat.example:3000"], allowedOrigins: [] };

describe("isSameOrigin", () => {
  it("accepts the origin of the host the request was sent to, whatever its scheme", () => {
    expect(isSameOrigin({ ...own, origin: "http://chat.example:3000" })).toBe(true);
    expect(isSameOrigin({ ...own, origin: "https://chat.example:3000" })).toBe(true);
    expect(isSameOrigin({ hosts: ["Chat.Example:443"], allowedOrigins: [], origin: "https://chat.example" })).toBe(true);
    expect(isSameOrigin({ hosts: ["chat.example"], allowedOrigins: [], origin: "http://chat.example" })).toBe(true);
  });

  it("refuses another host, another port, a look-alike and the opaque origin", () => {
    expect(isSameOrigin({ ...own, origin: "http://evil.example" })).toBe(false);
    expect(isSameOrigin({ ...own, origin: "http://chat.example:3001" })).toBe(false);
    expect(isSameOrigin({ ...own, origin: "http://chat.example:3000.evil.example" })).toBe(false);
    expect(isSameOrigin({ ...own, origin: "null" })).toBe(false);
    expect(isSameOrigin({ ...own, origin: "file://chat.example:3000" })).toBe(false);
    expect(isSameOrigin({ hosts: [], allowedOrigins: [], origin: "http://chat.example:3000" })).toBe(false);
  });

  it("accepts PUBLIC_URL and CORS_ORIGINS, compared as origins", () => {
    const cfg = { hosts: ["10.0.0.5:3000"], allowedOrigins: ["https://chat.example/", "https://app.example:8443"] };
    expect(isSameOrigin({ ...cfg, origin: "https://chat.example" })).toBe(true);
    expect(isSameOrigin({ ...cfg, origin: "https://app.example:8443" })).toBe(true);
    expect(isSameOrigin({ ...cfg, origin: "http://chat.example" })).toBe(false);
    expect(isSameOrigin({ ...cfg, origin: "https://app.example" })).toBe(false);
  });

  it("without Origin, refuses only what the browser marks cross-site", () => {
    expect(isSameOrigin({ ...own })).toBe(true);
    expect(isSameOrigin({ ...own, secFetchSite: "same-origin" })).toBe(true);
    expect(isSameOrigin({ ...own, secFetchSite: "none" })).toBe(true);
    expect(isSameOrigin({ ...own, secFetchSite: "cross-site" })).toBe(false);
  });
});

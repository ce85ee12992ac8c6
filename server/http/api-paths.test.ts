import { describe, expect, it } from "vitest";
import { allowHeader, decodesCleanly, methodsAt } from "./api-paths";

describe("methodsAt", () => {
  it("knows every method of a path, with :params as one segment", () => {
    expect(methodsAt("/api/users").sort()).toEqual(["GET", "POST"]);
    expect(methodsAt("/api/users/abc")).toEqual(["GET"]);
    expect(methodsAt("/api/channels/c1/members/u1").sort()).toEqual(["DELETE", "PATCH"]);
    expect(methodsAt("/api/discovery/")).toEqual(["GET"]);
  });

  it("knows nothing of other paths", () => {
    expect(methodsAt("/api/nope")).toEqual([]);
    expect(methodsAt("/api")).toEqual([]);
    expect(methodsAt("/api/users/a/b")).toEqual([]);
    expect(methodsAt("/api/channels//messages")).toEqual([]);
  });

  it("lists HEAD with GET and always OPTIONS", () => {
    expect(allowHeader(["GET"])).toBe("GET, HEAD, OPTIONS");
    expect(allowHeader(["POST"])).toBe("POST, OPTIONS");
  });
});

describe("decodesCleanly", () => {
  it("refuses a lone % and bytes that are not UTF-8", () => {
    expect(decodesCleanly("/api/users/%")).toBe(false);
    expect(decodesCleanly("/api/users/%FF")).toBe(false);
    expect(decodesCleanly("/api/users/%E2%82")).toBe(false);
    expect(decodesCleanly("/api/users/%E2%82%AC")).toBe(true);
    expect(decodesCleanly("/api/users/abc")).toBe(true);
  });
});

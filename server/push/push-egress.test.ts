import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { publicOnlyLookup } from "../net/public-lookup";
import { checkPushEndpoint, mayContact } from "./push-egress";

const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address }));
const strict = { allowPrivate: false };

describe("checkPushEndpoint", () => {
  it("accepts https on a name that resolves only to public addresses", async () => {
    await expect(checkPushEndpoint("https://fcm.example/send/1", strict, resolvesTo("142.250.74.42", "2a00:1450:4001::200a"))).resolves.toBeUndefined();
    await expect(checkPushEndpoint("https://8.8.8.8/x", strict, resolvesTo())).resolves.toBeUndefined();
  });

  it.each([
    ["http", "http://fcm.example/x", resolvesTo("142.250.74.42")],
    ["a name with one private address among public ones", "https://mixed.example/x", resolvesTo("142.250.74.42", "10.0.0.1")],
    ["a name resolving to the metadata address", "https://meta.example/x", resolvesTo("169.254.169.254")],
    ["a name resolving to IPv6 loopback", "https://six.example/x", resolvesTo("::1")],
    ["a name resolving to nothing", "https://none.example/x", resolvesTo()],
    ["a loopback literal", "https://127.0.0.1/x", resolvesTo()],
    ["credentials in the URL", "https://user:pw@fcm.example/x", resolvesTo("142.250.74.42")],
  ])("refuses %s", async (_what, endpoint, resolve) => {
    await expect(checkPushEndpoint(endpoint, strict, resolve)).rejects.toMatchObject({ code: "invalid" });
  });

  it("lets tests allow private endpoints explicitly, never plain http", async () => {
    await expect(checkPushEndpoint("https://127.0.0.1:4000/x", { allowPrivate: true })).resolves.toBeUndefined();
    await expect(checkPushEndpoint("http://127.0.0.1:4000/x", { allowPrivate: true })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("mayContact", () => {
  it("refuses private IP literals at send time (names are checked when connecting)", () => {
    expect(mayContact("https://10.0.0.1/x", strict)).toBe(false);
    expect(mayContact("https://[::1]/x", strict)).toBe(false);
    expect(mayContact("https://8.8.8.8/x", strict)).toBe(true);
    expect(mayContact("https://push.example/x", strict)).toBe(true);
    expect(mayContact("https://10.0.0.1/x", { allowPrivate: true })).toBe(true);
  });
});

describe("publicOnlyLookup (connect time)", () => {
  const lookupWith = (addresses: LookupAddress[]) =>
    publicOnlyLookup((_host, _opts, cb) => cb(null, addresses));
  const run = (addresses: LookupAddress[], all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; result: unknown }>((resolve) =>
      lookupWith(addresses)("push.example", { all }, (err, address, family) => resolve({ err, result: all ? address : [address, family] })),
    );

  it("passes public addresses through, one or all", async () => {
    expect(await run([{ address: "142.250.74.42", family: 4 }], false)).toEqual({ err: null, result: ["142.250.74.42", 4] });
    expect((await run([{ address: "142.250.74.42", family: 4 }, { address: "2a00:1450::1", family: 6 }], true)).result).toHaveLength(2);
  });

  it("fails the connection when the name now resolves to a private address (DNS rebinding)", async () => {
    const { err } = await run([{ address: "10.0.0.7", family: 4 }], false);
    expect(err?.code).toBe("ENOTPUBLIC");
    expect((await run([{ address: "142.250.74.42", family: 4 }, { address: "127.0.0.1", family: 4 }], true)).err?.code).toBe("ENOTPUBLIC");
  });
});

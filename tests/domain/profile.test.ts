// Profile changes at the domain level: a new name or picture is told to exactly the people who
// may be showing the user (their own devices and everyone sharing a channel), carries what a
// fresh fetch gives, and a replaced picture's bytes are gone.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../lib/contract/models";
import { mySettingsBody } from "../../lib/contract/schemas";
import { createChannel } from "../../server/channels/create-channel";
import { getUser } from "../../server/users/find-users";
import { updateMySettings } from "../../server/users/my-settings";
import { setAvatar } from "../../server/users/set-avatar";
import { tempDataDir } from "../support/temp-dir";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";

let env: DomainEnv;
let ann: string, bob: string, cat: string, dan: string;

beforeAll(async () => {
  env = await startDomainEnv();
  [ann, bob, cat, dan] = await Promise.all(["Ann", "Bob", "Cat", "Dan"].map((n) => env.addUser(n))) as [string, string, string, string];
  await createChannel(env, ann, { kind: "group", name: "Crew", memberIds: [bob] });
  await createChannel(env, ann, { kind: "direct", memberIds: [cat] });
});
afterAll(() => env?.close());

const updatesTo = (u: string) => env.events.deliveredTo(u).filter((e) => e.event === "user:update").map((e) => e.payload as User);

async function change<T>(fn: () => Promise<T>): Promise<T> {
  await env.events.connectAll();
  env.events.clear();
  return fn();
}

/** A stand-in picture object in the store. */
async function storedObject(key: string): Promise<string> {
  const dir = tempDataDir("chat-avatar-");
  const file = path.join(dir, "x");
  fs.writeFileSync(file, "bytes");
  await env.files.store.putFile(key, file, "image/webp");
  fs.rmSync(dir, { recursive: true, force: true });
  return key;
}

describe("display name", () => {
  it("a new name goes to the user's devices and every co-member, as a fresh fetch shows it, and to nobody else", async () => {
    const input = mySettingsBody.parse({ name: "  Ann Lee  " });
    const me = await change(() => updateMySettings(env, ann, input));
    expect(me.name).toBe("Ann Lee");
    for (const viewer of [ann, bob, cat]) {
      const got = updatesTo(viewer);
      expect(got).toHaveLength(1);
      // What a device learns from the event is what it would fetch (the email is never in it).
      const fetched = await getUser(env.db, viewer, ann);
      expect({ ...got[0], email: undefined }).toEqual({ ...fetched, email: undefined });
      expect(got[0]).not.toHaveProperty("email");
    }
    expect(updatesTo(dan)).toEqual([]);
  });

  it("the same name again, or other settings alone, tell nobody", async () => {
    await change(() => updateMySettings(env, ann, mySettingsBody.parse({ name: "Ann Lee" })));
    expect(env.events.all()).toHaveLength(0);
    await change(() => updateMySettings(env, ann, mySettingsBody.parse({ readReceipts: false })));
    expect(env.events.all()).toHaveLength(0);
  });
});

describe("profile picture", () => {
  it("a new picture replaces the old one's bytes and is told to co-members; removing it too", async () => {
    const first = await storedObject("avatarfirst1");
    await change(() => setAvatar(env, bob, first));
    expect(updatesTo(ann).map((u) => u.avatarUrl)).toEqual([`/api/avatars/${first}`]);
    expect(updatesTo(dan)).toEqual([]);

    const second = await storedObject("avatarsecond2");
    const me = await change(() => setAvatar(env, bob, second));
    expect(me.avatarUrl).toBe(`/api/avatars/${second}`);
    expect(await env.files.store.has(first)).toBe(false);
    expect(await env.files.store.has(second)).toBe(true);
    expect(updatesTo(bob).map((u) => u.avatarUrl)).toEqual([`/api/avatars/${second}`]);

    const none = await change(() => setAvatar(env, bob, null));
    expect(none.avatarUrl).toBeNull();
    expect(await env.files.store.has(second)).toBe(false);
    expect(updatesTo(ann)).toEqual([{ id: bob, name: "Bob", avatarUrl: null }]);
    expect((await getUser(env.db, ann, bob)).avatarUrl).toBeNull();

    // Nothing to remove: nothing changes, nobody is told.
    await change(() => setAvatar(env, bob, null));
    expect(env.events.all()).toHaveLength(0);
  });
});

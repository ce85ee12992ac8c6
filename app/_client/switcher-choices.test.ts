import { describe, expect, it } from "vitest";
import type { User } from "@/lib/contract/models";
import type { ChannelEntry } from "./store";
import { switcherChoices, type SwitcherChoice } from "./switcher-choices";

const me: User = { id: "me", name: "Me Myself" };
const users: Record<string, User> = {
  me,
  kim: { id: "kim", name: "김민지" },
  bob: { id: "bob", name: "Bob Stone" },
  ann: { id: "ann", name: "Ann Lee" },
};

function channel(id: string, kind: "direct" | "group", memberIds: string[], activityAt: string, name: string | null = null): ChannelEntry {
  return { id, kind, name, memberIds, lastSeq: 0, version: 0, createdAt: activityAt, lastReadSeq: 0, unread: 0, activityAt };
}

const channels = [
  channel("d-kim", "direct", ["me", "kim"], "2026-01-02"),
  channel("g-team", "group", ["me", "bob", "ann"], "2026-01-03", "Team 회의"),
  channel("g-old", "group", ["me", "kim"], "2026-01-01", "Old stuff"),
];
const nameOf = (c: ChannelEntry) => c.name ?? users[c.memberIds.find((m) => m !== "me")!]!.name;

function labels(choices: SwitcherChoice[]): string[] {
  return choices.map((c) => (c.kind === "channel" ? `${c.name}${c.via ? ` (${c.via})` : ""}` : `person ${c.user.name}`));
}

function run(query: string, found: User[] = []) {
  return labels(switcherChoices({ query, meId: "me", channels, users, nameOf, found }));
}

describe("switcherChoices", () => {
  it("offers the most recent conversations when nothing is typed", () => {
    expect(run("")).toEqual(["Team 회의", "김민지", "Old stuff"]);
  });

  it("puts conversations found by their name before those found by a member's", () => {
    // 김민지 is the direct conversation's name, and a member of "Old stuff".
    expect(run("ㄱㅁ")).toEqual(["김민지", "Old stuff (김민지)"]);
    // Bob has no direct conversation yet: offered as a person as well.
    expect(run("bob")).toEqual(["Team 회의 (Bob Stone)", "person Bob Stone"]);
    expect(run("ㅎㅇ")).toEqual(["Team 회의"]);
  });

  it("offers people without a direct conversation, never oneself, after the conversations", () => {
    const carol: User = { id: "carol", name: "Carol Bo" };
    // Bob and Ann are known (members of Team); Carol only the server knows.
    expect(run("bo", [carol])).toEqual(["Team 회의 (Bob Stone)", "person Carol Bo", "person Bob Stone"]);
    expect(run("me")).toEqual([]);
    // 김민지 has a direct conversation, offered already: not a second time as a person.
    expect(run("김", [users.kim!])).toEqual(["김민지", "Old stuff (김민지)"]);
  });

  it("finds nothing for a name nobody has", () => {
    expect(run("zzz")).toEqual([]);
  });
});

// Discovery against a real database, with node rows written directly and the /healthz probe
// replaced: a node on time is handed out without a probe; a late one only when it answers; one
// that does not answer is skipped (the next one is named), its hand-out is taken back, and this
// process does not probe it again for a heartbeat interval.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { discover } from "../../server/discovery/discover";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";

let env: DomainEnv;
const HEARTBEAT_MS = 2_000;
const headers = new Headers({ host: "self.local:3000" });

beforeAll(async () => {
  env = await startDomainEnv();
});
afterAll(() => env?.close());
beforeEach(async () => {
  await env.db.chatNode.deleteMany({});
});

/** A node row whose last heartbeat was `ageMs` ago (database clock). */
async function node(id: string, ageMs: number, connections: number) {
  await env.db.$executeRaw`
    INSERT INTO "ChatNode" (id, url, connections, draining, "startedAt", "updatedAt")
    VALUES (${id}, ${`http://${id}.local`}, ${connections}, false, now(), now() - make_interval(secs => ${ageMs / 1000}))`;
}
const assigned = async (id: string) => (await env.db.chatNode.findUniqueOrThrow({ where: { id } })).assignedRecent;

function recordingProbe(dead: string[]) {
  const probed: string[] = [];
  return {
    probed,
    probe: async (url: string) => {
      probed.push(url);
      return !dead.some((d) => url.includes(`//${d}.`));
    },
  };
}

const ask = (probe: (url: string) => Promise<boolean>) =>
  discover(env.db, { liveWithinMs: 10_000, heartbeatMs: HEARTBEAT_MS, probe }, headers, "http://fallback.local");

describe("discovery and late nodes", () => {
  it("hands out a node on time without probing it", async () => {
    await node("fresh", 500, 0);
    const p = recordingProbe(["fresh"]);
    expect(await ask(p.probe)).toBe("http://fresh.local");
    expect(p.probed).toEqual([]);
    expect(await assigned("fresh")).toBe(1);
  });

  it("hands out a late node that answers its probe", async () => {
    await node("slow", 4_000, 0);
    const p = recordingProbe([]);
    expect(await ask(p.probe)).toBe("http://slow.local");
    expect(p.probed).toEqual(["http://slow.local"]);
    expect(await assigned("slow")).toBe(1);
  });

  it("skips a late node that does not answer, names the next, takes its count back, and does not probe it again soon", async () => {
    await node("dead1", 4_000, 0); // least loaded: picked first
    await node("busy", 500, 5);
    const p = recordingProbe(["dead1"]);
    expect(await ask(p.probe)).toBe("http://busy.local");
    expect(p.probed).toEqual(["http://dead1.local"]);
    expect(await assigned("dead1")).toBe(0);
    expect(await assigned("busy")).toBe(1);
    // The next calls skip it without a probe.
    for (let i = 0; i < 3; i++) expect(await ask(p.probe)).toBe("http://busy.local");
    expect(p.probed).toEqual(["http://dead1.local"]);
    expect(await assigned("dead1")).toBe(0);
    expect(await assigned("busy")).toBe(4);
  });

  it("answers its own origin when every late node is dead", async () => {
    await node("dead2", 4_000, 0);
    await node("dead3", 5_000, 0);
    const p = recordingProbe(["dead2", "dead3"]);
    expect(await ask(p.probe)).toBe("http://self.local:3000");
    expect(p.probed.sort()).toEqual(["http://dead2.local", "http://dead3.local"]);
    expect(await assigned("dead2")).toBe(0);
    expect(await assigned("dead3")).toBe(0);
  });

  it("without nodes (one process) asks the database once per heartbeat interval, then sees a node that appeared", async () => {
    const beat = 300;
    const once = () => discover(env.db, { liveWithinMs: 10_000, heartbeatMs: beat, probe: async () => true }, headers, "http://fallback.local");
    expect(await once()).toBe("http://self.local:3000");
    await node("newcomer", 0, 0);
    // Within the interval the answer comes from memory: the newcomer is not counted as handed out.
    expect(await once()).toBe("http://self.local:3000");
    expect(await assigned("newcomer")).toBe(0);
    await new Promise((r) => setTimeout(r, beat + 50));
    expect(await once()).toBe("http://newcomer.local");
    expect(await assigned("newcomer")).toBe(1);
  });
});

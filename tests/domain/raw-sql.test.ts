// The connect path's statements run on pg directly (server/db/raw-sql.ts): what they read must be
// what Prisma reads, in particular `timestamp(3)` columns (UTC without a zone) whatever the
// process's time zone, and the connect statement must record the device and announce once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawQuery } from "../../server/db/raw-sql";
import { deviceConnected } from "../../server/presence/device-presence";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";

let env: DomainEnv;
beforeAll(async () => {
  env = await startDomainEnv();
});
afterAll(() => env?.close());

describe("rawQuery", () => {
  it("reads timestamps as Prisma does, in any process time zone", async () => {
    const before = process.env.TZ;
    process.env.TZ = "Asia/Seoul";
    try {
      const sql = `SELECT '2026-11-30 01:02:03.456'::timestamp(3) AS t, NULL::timestamp(3) AS n, ARRAY['a','b'] AS xs, 3::int AS i`;
      const [viaPrisma] = await env.db.$queryRawUnsafe<{ t: Date; n: Date | null; xs: string[]; i: number }[]>(sql);
      const [viaPg] = await rawQuery<{ t: Date; n: Date | null; xs: string[]; i: number }>(env.db, sql, []);
      expect(viaPg).toEqual(viaPrisma);
      expect(viaPg!.t.toISOString()).toBe("2026-11-30T01:02:03.456Z");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe("deviceConnected", () => {
  it("records the device, announces online once, and gives every device the audience's presence", async () => {
    const [a, b] = [await env.addUser("Ana"), await env.addUser("Ben")];
    await env.db.channel.create({ data: { kind: "direct", createdById: a, memberships: { create: [{ userId: a }, { userId: b }] } } });
    const deps = { db: env.db, publisher: env.events };
    env.events.clear();
    const first = await deviceConnected(deps, "node-1", `sock-${a}-1`, a);
    const second = await deviceConnected(deps, "node-1", `sock-${a}-2`, a);
    expect(first).toEqual([{ userId: b, online: false, lastActiveAt: null }]);
    expect(second).toEqual(first);
    const announced = env.events.deliveredTo(b).filter((e) => e.event === "presence");
    expect(announced).toHaveLength(1);
    expect(announced[0]!.payload).toMatchObject({ userId: a, online: true });
    expect(await env.db.deviceConnection.count({ where: { userId: a } })).toBe(2);
  });
});

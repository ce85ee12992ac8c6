// Seeds many users straight into the running app's database. Sign-up is covered through the API
// elsewhere; hashing hundreds of passwords with argon2 would only slow these tests down.
import { createApiToken } from "../../server/auth/api-tokens";
import type { TestServer, TestUser } from "./test-server";

export async function seedUsers(srv: TestServer, n: number, prefix = "Seed"): Promise<TestUser[]> {
  const { db } = srv.app.services;
  const tag = `${process.pid}${Date.now().toString(36)}`;
  const rows = Array.from({ length: n }, (_, i) => ({
    email: `${prefix.toLowerCase()}${i}.${tag}@seed.test`,
    name: `${prefix} ${i}`,
    passwordHash: "seeded-no-login",
  }));
  await db.user.createMany({ data: rows });
  const users = await db.user.findMany({ where: { email: { in: rows.map((r) => r.email) } }, orderBy: { name: "asc" } });
  return Promise.all(
    users.map(async (u) => ({ id: u.id, name: u.name, email: u.email, token: (await createApiToken(db, u.id, { ttlDays: 1 })).token })),
  );
}

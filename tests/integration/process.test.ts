// The real `npm start` process: bad configuration, restart with data kept, graceful shutdown.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { freePort, killAll, startProcess } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { tempDataDir } from "../support/temp-dir";

afterAll(() => killAll());

describe("npm start process", () => {
  it("refuses bad configuration with exit code 78 and names the variable", async () => {
    const p = startProcess({ PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
    p.listening.catch(() => {}); // it never listens
    expect(await p.exited).toBe(78);
    expect(p.output()).toContain("PORT");
    expect(p.output()).toContain("DATABASE_URL");
  });

  it("keeps acknowledged messages across a graceful restart and exits 0 on SIGTERM", async () => {
    const db: TestDatabase = await createTestDatabase();
    const dataDir = tempDataDir("chat-proc-");
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, ...(db.url ? { DATABASE_URL: db.url } : {}) };
    try {
      const first = startProcess(env);
      const port = await first.listening;
      const base = `http://localhost:${port}`;
      const post = (p: string, body: unknown, token?: string) =>
        fetch(base + p, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      const a = await post("/api/users", { email: "a@proc.test", name: "A", password: "password1" });
      const b = await post("/api/users", { email: "b@proc.test", name: "B", password: "password1" });
      const token = (await post("/api/tokens", { email: "a@proc.test", password: "password1" })).body.token;
      const ch = await post("/api/channels", { kind: "direct", memberIds: [b.body.user.id] }, token);
      expect(a.status).toBe(201);
      const socket = io(base, { auth: { token }, transports: ["websocket"], reconnection: false });
      const ack = (await socket.timeout(10_000).emitWithAck("message:send", {
        channelId: ch.body.channel.id,
        clientMsgId: randomUUID(),
        body: "survives a restart",
      })) as { ok: boolean };
      expect(ack.ok).toBe(true);
      const disconnected = new Promise<string>((r) => socket.once("disconnect", (reason) => r(reason)));
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      expect(await disconnected).toBeTruthy(); // the server closed the socket

      const second = startProcess(env);
      await second.listening;
      const history = await fetch(`${base}/api/channels/${ch.body.channel.id}/messages`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ messages: { body: string; seq: number }[] }>);
      expect(history.messages).toEqual([expect.objectContaining({ body: "survives a restart", seq: 1 })]);
      second.child.kill("SIGINT");
      expect(await second.exited).toBe(0);
    } finally {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // two cold starts of a real process; slow when the machine is busy
});

// The real `npm start` process: bad configuration, restart with data kept, graceful shutdown.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { freePort, killAll, startProcess } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { removeDataDir, tempDataDir } from "../support/temp-dir";

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
      removeDataDir(dataDir);
    }
  }, 120_000); // two cold starts of a real process; slow when the machine is busy

  describe("with the embedded database", () => {
    // Always embedded (startProcess passes no DATABASE_URL): its server process is what these kill.
    const postmasterPid = (dataDir: string) =>
      Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

    async function setUp(base: string) {
      const post = (p: string, body: unknown, token?: string) =>
        fetch(base + p, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        }).then(async (r) => (await r.json()) as any);
      await post("/api/users", { email: "a@kill.test", name: "A", password: "password1" });
      const b = await post("/api/users", { email: "b@kill.test", name: "B", password: "password1" });
      const token: string = (await post("/api/tokens", { email: "a@kill.test", password: "password1" })).token;
      const channelId: string = (await post("/api/channels", { kind: "direct", memberIds: [b.user.id] }, token)).channel.id;
      return { token, channelId };
    }
    const history = (base: string, token: string, channelId: string) =>
      fetch(`${base}/api/channels/${channelId}/messages?limit=200`, { headers: { authorization: `Bearer ${token}` } })
        .then((r) => r.json() as Promise<{ messages: { body: string; seq: number }[] }>)
        .then((h) => h.messages);

    it("stops loudly with exit code 1 when its PostgreSQL server is killed, and a restart has every acknowledged message", async () => {
      const dataDir = tempDataDir("chat-kill-pg-");
      const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
      try {
        const first = startProcess(env);
        const base = `http://localhost:${await first.listening}`;
        const { token, channelId } = await setUp(base);
        const socket = io(base, { auth: { token }, transports: ["websocket"], reconnection: false });
        // Send one after another until the server can no longer answer; the kill comes mid-stream.
        const acked: string[] = [];
        let killed = false;
        for (let i = 0; i < 500; i++) {
          const body = `message ${i}`;
          const ack = (await socket
            .timeout(5_000)
            .emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body })
            .catch(() => ({ ok: false }))) as { ok: boolean };
          if (!ack.ok) break;
          acked.push(body);
          if (acked.length === 20) {
            process.kill(postmasterPid(dataDir), "SIGKILL");
            killed = true;
          }
        }
        socket.disconnect();
        expect(killed).toBe(true);
        expect(await first.exited).toBe(1);
        expect(first.output()).toContain("embedded PostgreSQL exited unexpectedly");

        const second = startProcess(env);
        await second.listening;
        const bodies = (await history(base, token, channelId)).map((m) => m.body);
        for (const body of acked) expect(bodies).toContain(body);
        second.child.kill("SIGTERM");
        expect(await second.exited).toBe(0);
      } finally {
        removeDataDir(dataDir);
      }
    }, 180_000);

    it("after the app itself is killed, stops the PostgreSQL server it left behind and starts with the data", async () => {
      const dataDir = tempDataDir("chat-kill-app-");
      const env = { PORT: String(await freePort()), DATA_DIR: dataDir };
      try {
        const first = startProcess(env);
        const base = `http://localhost:${await first.listening}`;
        const { token, channelId } = await setUp(base);
        const socket = io(base, { auth: { token }, transports: ["websocket"], reconnection: false });
        const ack = (await socket.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "before the crash" })) as { ok: boolean };
        expect(ack.ok).toBe(true);
        socket.disconnect();
        const orphan = postmasterPid(dataDir);
        first.child.kill("SIGKILL");
        await first.exited;
        expect(() => process.kill(orphan, 0)).not.toThrow(); // the server outlived the app

        const second = startProcess(env);
        await second.listening;
        expect(second.output()).toContain("stopping a PostgreSQL server left running");
        expect(() => process.kill(orphan, 0)).toThrow();
        expect(postmasterPid(dataDir)).not.toBe(orphan);
        expect((await history(base, token, channelId)).map((m) => m.body)).toEqual(["before the crash"]);
        second.child.kill("SIGTERM");
        expect(await second.exited).toBe(0);
        // A graceful stop leaves no server behind.
        expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
      } finally {
        removeDataDir(dataDir);
      }
    }, 180_000);
  });
});

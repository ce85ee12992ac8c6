// The two servers the suite measures, each as its own child process (so that its RSS is its
// own and the load client, this process, does not share its event loop): the product
// (`server/index.ts`, what `npm start` runs, on a fresh Postgres database) and the bare relay
// (bench/relay.ts). Both offer the same operations to the scenarios.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrisma } from "../../server/db/prisma";
import type { Db } from "../../server/db/types";
import { seedUsers } from "../../tests/support/seed";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { freePort } from "../../tests/support/app-process";
import type { TestServer } from "../../tests/support/test-server";

const benchRoot = path.resolve(import.meta.dirname, "../..");
const probe = ["--expose-gc", "--import", path.join(import.meta.dirname, "memory-probe.mjs")];

export interface BenchUser {
  id: string;
  /** What the socket sends as `auth`. */
  auth: Record<string, string>;
  /** Headers for discovery. */
  headers: Record<string, string>;
}

export interface Target {
  name: "product" | "relay";
  url: string;
  pid: number;
  /** Where the server writes its memory use on SIGUSR2 (memory-probe.mjs). */
  memoryFile: string;
  users(n: number): Promise<BenchUser[]>;
  /** One direct channel per pair (the product: real channels, made through the API). */
  directs(pairs: [BenchUser, BenchUser][]): Promise<string[]>;
  group(members: BenchUser[]): Promise<string>;
  discoveryPath: string;
  /** The product's database (S5 seeds there); null for the relay. */
  db: Db | null;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** The checkout whose server/index.ts runs (default: this one): a baseline runs another. */
  productRoot?: string;
  cpuProf?: string;
}

function spawnLogged(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, "a");
  return spawn(process.execPath, args, { cwd, env, stdio: ["ignore", out, out] });
}

async function waitUp(url: string, child: ChildProcess, logFile: string) {
  const end = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logFile}`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > end) throw new Error(`server did not start; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(t);
}

export async function startProduct(opts: TargetOptions, logDir: string): Promise<Target> {
  // A fresh database on DATABASE_URL's server, or (unset, as on a fresh clone) the embedded
  // PostgreSQL the product starts in its data folder, as `npm start` does.
  const database: TestDatabase = await createTestDatabase();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-bench-"));
  // Run as root, the embedded PostgreSQL drops to its own user, which must be able to enter it.
  fs.chmodSync(dataDir, 0o755);
  const logFile = path.join(logDir, "product.log");
  const root = opts.productRoot ?? benchRoot;
  // BENCH_PRODUCT_NODE_ARGS: more node flags for the product (e.g. an --import that counts queries).
  const extra = (process.env.BENCH_PRODUCT_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const memoryFile = path.join(logDir, "product-memory.json");
  const args = [...(opts.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProf}`] : []), ...probe, ...extra, "--import", "tsx", "server/index.ts"];
  const { DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  const child = spawnLogged(args, root, {
    ...inherited,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    // One machine plays every user: no per-user or per-address limit may be what is measured.
    MESSAGE_RATE_LIMIT: "100000000",
    SIGNUP_MAX_PER_IP: "100000",
    BENCH_MEMORY_FILE: memoryFile,
  }, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url + "/api/discovery", child, logFile);
  const db = createPrisma(database.url ?? embeddedUrl(dataDir), 4);
  const srv = { app: { services: { db } } } as unknown as TestServer;
  const post = async (token: string, body: unknown) => {
    const res = await fetch(url + "/api/channels", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { channel?: { id: string } };
    if (!json.channel) throw new Error(`channel not created: ${JSON.stringify(json)}`);
    return json.channel.id;
  };
  return {
    name: "product",
    url,
    pid: child.pid!,
    memoryFile,
    db,
    discoveryPath: "/api/discovery",
    async users(n) {
      const out: BenchUser[] = [];
      for (let i = 0; i < n; i += 500) {
        const made = await seedUsers(srv, Math.min(500, n - i), `B${i}x`);
        out.push(...made.map((u) => ({ id: u.id, auth: { token: u.token }, headers: { authorization: `Bearer ${u.token}` } })));
      }
      return out;
    },
    async directs(pairs) {
      const ids: string[] = [];
      for (let i = 0; i < pairs.length; i += 10) {
        ids.push(
          ...(await Promise.all(
            pairs.slice(i, i + 10).map(([a, b]) => post(a.auth.token!, { kind: "direct", memberIds: [b.id] })),
          )),
        );
      }
      return ids;
    },
    async group(members) {
      return post(members[0]!.auth.token!, { kind: "group", name: "bench group", memberIds: members.slice(1).map((m) => m.id) });
    },
    async stop() {
      await db.$disconnect();
      await stopChild(child);
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URL of the embedded PostgreSQL a running product started on dataDir (as scripts/embedded-db-url.mjs). */
function embeddedUrl(dataDir: string): string {
  const lines = fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n");
  const password = fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  return `postgresql://postgres:${password}@127.0.0.1:${Number(lines[3])}/postgres?sslmode=disable`;
}

export async function startRelay(logDir: string): Promise<Target> {
  const port = await freePort();
  const logFile = path.join(logDir, "relay.log");
  const memoryFile = path.join(logDir, "relay-memory.json");
  const child = spawnLogged([...probe, "--import", "tsx", "bench/relay.ts", String(port)], benchRoot, { ...process.env, BENCH_MEMORY_FILE: memoryFile }, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url + "/discovery", child, logFile);
  let n = 0;
  const register = async (channels: { id: string; members: string[] }[]) => {
    await fetch(url + "/channels", { method: "POST", body: JSON.stringify(channels) });
  };
  return {
    name: "relay",
    url,
    pid: child.pid!,
    memoryFile,
    db: null,
    discoveryPath: "/discovery",
    async users(count) {
      return Array.from({ length: count }, () => {
        const id = `u${++n}`;
        return { id, auth: { userId: id }, headers: {} };
      });
    },
    async directs(pairs) {
      const channels = pairs.map(([a, b]) => ({ id: `d${++n}`, members: [a.id, b.id] }));
      await register(channels);
      return channels.map((c) => c.id);
    },
    async group(members) {
      const id = `g${++n}`;
      await register([{ id, members: members.map((m) => m.id) }]);
      return id;
    },
    stop: () => stopChild(child),
  };
}

/** The server's memory after a full garbage collection (memory-probe.mjs), in bytes. */
export async function memoryOf(t: Target): Promise<{ rss: number; heapUsed: number; external: number; cpuMicros: number; cpuSystemMicros: number }> {
  fs.rmSync(t.memoryFile, { force: true });
  process.kill(t.pid, "SIGUSR2");
  const end = Date.now() + 10_000;
  while (!fs.existsSync(t.memoryFile)) {
    if (Date.now() > end) throw new Error("the server did not report its memory");
    await new Promise((r) => setTimeout(r, 50));
  }
  return JSON.parse(fs.readFileSync(t.memoryFile, "utf8")) as { rss: number; heapUsed: number; external: number; cpuMicros: number; cpuSystemMicros: number };
}

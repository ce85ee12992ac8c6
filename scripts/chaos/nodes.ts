// The three product nodes as real child processes (`node --import tsx server/index.ts`, what
// `npm start` runs), on loopback ports, each with its own log file in the run's temp folder.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Infra } from "./infra";

const root = path.resolve(import.meta.dirname, "../..");

export interface ChaosNode {
  name: string;
  port: number;
  url: string;
  /** Set while a process runs on the port. */
  child: ChildProcess | null;
  nodeId: string;
  starts: number;
}

export interface Cluster {
  nodes: ChaosNode[];
  start(n: ChaosNode): Promise<number>;
  kill9(n: ChaosNode): void;
  /** SIGTERM, then wait for the exit; returns the milliseconds it took. */
  terminate(n: ChaosNode): Promise<number>;
  stopAll(): Promise<void>;
  /** `chat_sockets_connected` of each running node (its /metrics), by node name. */
  socketsByNode(): Promise<Record<string, number | null>>;
}

export function createCluster(infra: Infra, ports: number[], opts: { nodeTimeoutMs?: number }): Cluster {
  const nodes: ChaosNode[] = ports.map((port, i) => ({
    name: `n${i + 1}`,
    port,
    url: `http://127.0.0.1:${port}`,
    child: null,
    nodeId: "",
    starts: 0,
  }));
  const shared: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info", // the "listening" line is what start() waits for
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    REDIS_STREAM: infra.redisStream,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    CORS_ORIGINS: nodes.map((n) => n.url).join(","),
    // One machine plays every user: the per-address and per-user limits must not be what fails.
    MESSAGE_RATE_LIMIT: "100000",
    SIGNUP_MAX_PER_IP: "100000",
    LOGIN_MAX_FAILURES_PER_IP: "100000",
    // Presence changes within seconds, so the run can watch them.
    PRESENCE_GRACE_MS: "2000",
    PRESENCE_SWEEP_MS: "1000",
    ...(opts.nodeTimeoutMs ? { NODE_TIMEOUT_MS: String(opts.nodeTimeoutMs) } : {}),
  };
  // What the nodes inherit: this environment without the settings given above, so that a
  // DATABASE_URL or NODE_TIMEOUT_MS of the shell does not leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in shared) && !["NODE_TIMEOUT_MS", "PUBLIC_URL", "NODE_ID", "PORT", "DATA_DIR"].includes(k)),
  );

  return {
    nodes,
    start(n) {
      n.starts++;
      n.nodeId = `chaos-${n.name}-${n.starts}`;
      const logFile = path.join(infra.dir, `${n.name}.log`);
      const out = fs.openSync(logFile, "a");
      fs.writeSync(out, `\n==== start ${n.starts} ${new Date().toISOString()}\n`);
      const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
        cwd: root,
        env: <NodeJS.ProcessEnv>(<unknown>{
          ...inherited,
          ...shared,
          PORT: String(n.port),
          PUBLIC_URL: n.url,
          NODE_ID: n.nodeId,
          DATA_DIR: path.join(infra.dir, `data-${n.name}`),
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      n.child = child;
      let tail = "";
      const started = Date.now();
      return new Promise<number>((resolve, reject) => {
        let listening = false;
        const onData = (d: Buffer) => {
          fs.writeSync(out, d);
          if (listening) return;
          tail = (tail + d.toString()).slice(-8000);
          if (tail.includes("chat listening on")) {
            listening = true;
            resolve(Date.now() - started);
          }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        child.once("exit", (code, signal) => {
          if (n.child === child) n.child = null;
          fs.closeSync(out);
          if (!listening) reject(new Error(`node ${n.name} exited during start (${code ?? signal}); log: ${logFile}\n${tail.slice(-2000)}`));
        });
        setTimeout(() => {
          if (!listening) reject(new Error(`node ${n.name} did not start within 120 s; log: ${logFile}`));
        }, 120_000).unref();
      });
    },
    kill9(n) {
      n.child?.kill("SIGKILL");
    },
    terminate(n) {
      const child = n.child;
      if (!child) return Promise.resolve(0);
      const t0 = Date.now();
      return new Promise<number>((resolve) => {
        child.once("exit", () => resolve(Date.now() - t0));
        child.kill("SIGTERM");
        // The node's own limit is SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS (10 s by default).
        setTimeout(() => child.kill("SIGKILL"), 30_000).unref();
      });
    },
    async stopAll() {
      await Promise.all(nodes.map((n) => this.terminate(n)));
    },
    async socketsByNode() {
      const counts = await Promise.all(nodes.map((n) => (n.child ? scrapeSockets(n.url) : null)));
      return Object.fromEntries(nodes.map((n, i) => [n.name, counts[i] ?? null]));
    },
  };
}

async function scrapeSockets(url: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000) });
    const m = /^chat_sockets_connected\{[^}]*\} (\d+)/m.exec(await res.text());
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// The app as a real child process (what `npm start` runs), for tests of start-up, shutdown and
// several nodes.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];

export function killAll() {
  children.forEach((c) => c.kill("SIGKILL"));
}

/** `npm start` as a child process; resolves `listening` with its port. */
export function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    // Only what the test passes: no DATABASE_URL or REDIS_URL leaks in from the shell.
    env: { ...inherited(), NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /chat listening on http:\/\/localhost:(\d+)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code}: ${output}`));
    });
    // Needs LOG_LEVEL info or lower: the "listening" line is what this waits for.
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`did not start within 120 s: ${output}`));
    }, 120_000).unref();
  });
  return { child, listening, exited, output: () => output };
}

export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}


function inherited() {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env;
  return rest;
}

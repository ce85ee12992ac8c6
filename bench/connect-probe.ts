// `node --import tsx bench/connect-probe.ts [--rounds=3] [--targets=product,relay] [--product-root=<dir>]`:
// S3's connect window (1,000 users: discovery + handshake, 50 at a time) several times on the
// same server process, each round new users. The first round is the bench's S3 (a server that
// has not yet connected anyone: code not yet compiled or optimised); later rounds are the steady
// state. Per round: the server's CPU ms per connect (all threads, of it in the kernel, and net of
// the idle server's CPU per second over the window), connects/s.
// BENCH_WINDOW_PROF_DIR=<dir> writes a CPU profile of each window (memory-probe.mjs): the first is
// 10 s of the idle server, then one per round.
import { idleScenario, modest } from "./suite/scenarios";
import { memoryOf, startProduct, startRelay, type Target } from "./suite/targets";
import fs from "node:fs";
import path from "node:path";

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const rounds = Number(flag("rounds") ?? 3);
const targets = (flag("targets") ?? "product,relay").split(",");
const runDir = path.resolve("tmp/bench", `probe-${new Date().toISOString().replace(/[:.]/g, "-")}`);
fs.mkdirSync(runDir, { recursive: true });

for (const name of targets) {
  const t: Target = name === "product" ? await startProduct({ productRoot: flag("product-root") }, runDir) : await startRelay(runDir);
  try {
    // What the server spends with nobody connecting (timers, sweepers, heartbeats): S3's figure
    // includes about 10 s of it.
    const a = await memoryOf(t);
    await new Promise((res) => setTimeout(res, 10_000));
    const b = await memoryOf(t);
    const idleMsPerSec = (b.cpuMicros - a.cpuMicros) / 10_000;
    console.log(`${name} idle: ${idleMsPerSec.toFixed(2)} ms CPU per second`);
    for (let r = 1; r <= rounds; r++) {
      const s = await idleScenario(t, modest);
      // Net of what the server would have spent idle over the same window: on a busy machine the
      // window stretches and the idle work would otherwise count as connect cost.
      const net = s.cpuMsPerConnect - (idleMsPerSec * s.windowMs) / 1000 / s.sockets;
      console.log(
        `${name} round ${r}: ${s.cpuMsPerConnect} ms CPU per connect (kernel ${s.cpuSystemMsPerConnect}; ` +
          `${net.toFixed(2)} net of idle work over ${(s.windowMs / 1000).toFixed(1)} s), ` +
          `${s.connectsPerSec} connects/s, heap ${s.heapPerSocketKB} KB/socket, connect p50 ${s.connectMs.p50} ms`,
      );
      // The closed sockets' disconnects (presence rows) settle before the next round.
      await new Promise((res) => setTimeout(res, 3000));
    }
  } finally {
    await t.stop();
  }
}
process.exit(0);

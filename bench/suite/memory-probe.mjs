// Loaded into each server the bench starts (`node --expose-gc --import <this>`): on SIGUSR2 it
// collects garbage and writes process.memoryUsage() to BENCH_MEMORY_FILE, so that S3 reads what
// the sockets hold and not the garbage their handshakes left behind. It also writes the process's
// CPU time so far (process.cpuUsage(), read before that collection): S3 divides the difference by
// the connects, the figure that a shared machine's load does not move much, unlike connects/s.
// With BENCH_WINDOW_PROF_DIR set, each odd signal starts a V8 CPU profile and the next one writes
// it there (window-<pid>-<n>.cpuprofile): S3's connect window alone, without start-up or seeding.
import fs from "node:fs";
import path from "node:path";

const file = process.env.BENCH_MEMORY_FILE;
const profDir = process.env.BENCH_WINDOW_PROF_DIR;
let session = null;

async function post(method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

async function toggleProfile() {
  if (!session) {
    const { Session } = await import("node:inspector");
    session = new Session();
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 200 });
    await post("Profiler.start");
    return;
  }
  const { profile } = await post("Profiler.stop");
  session.disconnect();
  session = null;
  fs.mkdirSync(profDir, { recursive: true });
  fs.writeFileSync(path.join(profDir, `window-${process.pid}-${windows / 2}.cpuprofile`), JSON.stringify(profile));
}

let windows = 0;
if (file) {
  process.on("SIGUSR2", async () => {
    const cpu = process.cpuUsage();
    windows++;
    // Stopped before the collection below, started after it: the profile holds the window only.
    if (profDir && windows % 2 === 0) await toggleProfile();
    globalThis.gc?.();
    globalThis.gc?.();
    if (profDir && windows % 2 === 1) await toggleProfile();
    fs.writeFileSync(file + ".tmp", JSON.stringify({ ...process.memoryUsage(), cpuMicros: cpu.user + cpu.system, cpuSystemMicros: cpu.system }));
    fs.renameSync(file + ".tmp", file);
  });
}

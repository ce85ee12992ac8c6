// Loaded into each server the bench starts (`node --expose-gc --import <this>`): on SIGUSR2 it
// collects garbage and writes process.memoryUsage() to BENCH_MEMORY_FILE, so that S3 reads what
// the sockets hold and not the garbage their handshakes left behind.
import fs from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on("SIGUSR2", () => {
    globalThis.gc?.();
    globalThis.gc?.();
    fs.writeFileSync(file + ".tmp", JSON.stringify(process.memoryUsage()));
    fs.renameSync(file + ".tmp", file);
  });
}

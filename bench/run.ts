// `npm run bench [-- flags]`: the performance suite. The product (server/index.ts on a fresh
// Postgres database under DATABASE_URL) and a bare Socket.IO relay (bench/relay.ts, the ceiling)
// each run as their own process; this process is the load client. Every figure is measured for
// both in the same run, so each is also a ratio. Prints JSON, then a table.
//   --scenarios=S1,S2,S3,S4,S5   which (default: all)
//   --full                       the full sizes (S1 also at 10,000/s, 10 s per rate, 2,000 idle sockets)
//   --targets=product,relay      which servers (default: both)
//   --product-root=<dir>         run the product of another checkout (a baseline), same bench
//   --cpu-prof                   the product writes a V8 CPU profile (tmp/bench/<time>/)
// BENCH=send,fanout,catchup,search,files runs the older in-process sections instead (bench/sections.ts).
import fs from "node:fs";
import path from "node:path";
import { catchupScenario, full, groupScenario, idleScenario, modest, pairsScenarios } from "./suite/scenarios";
import { printTable } from "./suite/table";
import { startProduct, startRelay, type Target } from "./suite/targets";

if (process.env.BENCH) {
  await import("./sections");
} else {
  const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const has = (name: string) => process.argv.includes(`--${name}`);
  const scenarios = (flag("scenarios") ?? "S1,S2,S3,S4,S5").split(",");
  const targets = (flag("targets") ?? "product,relay").split(",");
  const sizes = has("full") ? full : modest;
  const runDir = path.resolve("tmp/bench", new Date().toISOString().replace(/[:.]/g, "-"));
  fs.mkdirSync(runDir, { recursive: true });
  const productRoot = flag("product-root");

  const results: Record<string, Record<string, unknown>> = {};
  const meta = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: (await import("node:os")).cpus().length,
    sizes: has("full") ? "full" : "modest",
    productRoot: productRoot ?? "this checkout",
    logs: runDir,
  };
  for (const name of targets) {
    const t: Target =
      name === "product" ? await startProduct({ productRoot, cpuProf: has("cpu-prof") ? runDir : undefined }, runDir) : await startRelay(runDir);
    const r: Record<string, unknown> = (results[name] = {});
    try {
      // S3 first: its RSS growth is read on a server that has not yet carried load.
      if (scenarios.includes("S3")) r.S3 = await idleScenario(t, sizes);
      if (scenarios.includes("S1") || scenarios.includes("S4")) {
        Object.assign(r, await pairsScenarios(t, sizes, { s1: scenarios.includes("S1"), s4: scenarios.includes("S4") }));
      }
      if (scenarios.includes("S2")) r.S2 = await groupScenario(t, sizes);
      if (scenarios.includes("S5") && t.db) r.S5 = await catchupScenario(t, sizes);
    } finally {
      await t.stop();
    }
    process.stderr.write(`${name} done\n`);
  }
  const report = { meta, ...results };
  fs.writeFileSync(path.join(runDir, "results.json"), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  printTable(results);
  process.exit(0);
}

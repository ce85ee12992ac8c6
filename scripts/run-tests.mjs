// `npm test`: every tier in order (unit → domain → integration → fuzz → end-to-end), stopping at the first that
// fails, then one closing line with the totals ("N passed, N failed").
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "tmp", "test-results");
fs.mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;

function vitestCounts(file) {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}
function playwrightCounts(file) {
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const tiers = [
  {
    name: "unit",
    file: path.join(out, "unit.json"),
    run: (f) => run("npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${f}`]),
    counts: vitestCounts,
  },
  {
    name: "domain",
    file: path.join(out, "domain.json"),
    run: (f) => run("npx", ["vitest", "run", "--project", "domain", "--reporter=default", "--reporter=json", `--outputFile=${f}`]),
    counts: vitestCounts,
  },
  {
    name: "integration",
    file: path.join(out, "integration.json"),
    run: (f) =>
      run("node", ["scripts/ensure-build.mjs"]) ||
      run("npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile=${f}`]),
    counts: vitestCounts,
  },
  {
    // Generated input against every route and socket event; FUZZ_RUNS raises the runs per case.
    name: "fuzz",
    file: path.join(out, "fuzz.json"),
    run: (f) =>
      run("node", ["scripts/ensure-build.mjs"]) ||
      run("npx", ["vitest", "run", "--project", "fuzz", "--reporter=default", "--reporter=json", `--outputFile=${f}`]),
    counts: vitestCounts,
  },
  {
    name: "e2e",
    file: path.join(out, "e2e.json"),
    run: (f) => {
      env.PLAYWRIGHT_JSON_OUTPUT_NAME = f;
      return run("node", ["scripts/ensure-build.mjs"]) || run("npx", ["playwright", "test", "--reporter=list,json"]);
    },
    counts: playwrightCounts,
  },
];

const total = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const t of tiers) {
  fs.rmSync(t.file, { force: true });
  console.log(`\n=== ${t.name} tests ===`);
  status = t.run(t.file);
  if (fs.existsSync(t.file)) {
    const c = t.counts(t.file);
    console.log(`${t.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    for (const k of Object.keys(total)) total[k] += c[k];
  }
  if (status !== 0) {
    if (total.failed === 0) total.failed = 1; // a tier that broke before reporting still fails
    break;
  }
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(status);

// Builds the Next.js app when there is no build yet or the sources changed since the last one,
// so `npm start` on a fresh clone needs no separate build step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const marker = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "lib", "server", "public", "i18n", "messages", "next.config.ts", "package-lock.json", "tsconfig.json"];
const skip = new Set(["node_modules", ".next", "generated"]);

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) if (!skip.has(e)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (built && changed <= built && process.env.FORCE_BUILD !== "1") process.exit(0);

console.log(built ? "Sources changed since the last build: rebuilding..." : "No build yet: building the app (once)...");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const r = spawnSync("npm", ["run", "build"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);

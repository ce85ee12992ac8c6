// Runs `prisma generate` on install and before builds. The Prisma CLI checks for its native schema
// engine before any command, and that binary is downloaded from outside npm: on an air-gapped or
// registry-only machine the check fails. `generate` never uses the engine, so when no engine is
// configured we point the CLI at a stub; where the real binary exists it is simply not needed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts", "prisma-engine-stub.sh");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const r = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);

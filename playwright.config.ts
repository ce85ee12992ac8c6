// End-to-end tests against the real app: the production build served by server/index.ts (Next.js
// and Socket.IO in one process), on a fresh data folder per run. Run: `npm run test:e2e`
// (which builds first when sources changed) or `npx playwright test` after `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3311);
const baseURL = `http://localhost:${PORT}`;

// The config is loaded again in each worker; the runner's environment is inherited, so the data
// folder is chosen (and created) once. Folders of earlier runs (about 40 MB each) are removed;
// the fixed port means no other run can still be using one.
if (!process.env.E2E_DATA_DIR) {
  const tmp = path.resolve("tmp");
  fs.mkdirSync(tmp, { recursive: true });
  for (const old of fs.readdirSync(tmp)) {
    if (!old.startsWith("e2e-data-")) continue;
    // A run that was killed may have left its embedded PostgreSQL server running on that folder.
    try {
      const pid = Number(fs.readFileSync(path.join(tmp, old, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid) process.kill(pid, "SIGKILL");
    } catch {
      /* none */
    }
    fs.rmSync(path.join(tmp, old), { recursive: true, force: true });
  }
  process.env.E2E_DATA_DIR = path.join(tmp, `e2e-data-${Date.now()}`);
  fs.mkdirSync(process.env.E2E_DATA_DIR);
}

export default defineConfig({
  testDir: "e2e",
  // Pictures for people to look at, not a check: only with SCREENSHOTS=1.
  testIgnore: process.env.SCREENSHOTS ? [] : ["**/screenshots.spec.ts", "**/docs-screenshots.spec.ts"],
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `${baseURL}/api/discovery`,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL: the app then stops its embedded PostgreSQL server
    // (which runs in its own process group and would outlive a killed app).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      DATA_DIR: process.env.E2E_DATA_DIR,
      LOG_LEVEL: "warn",
      // A closed browser shows as offline within seconds rather than the default 15 s.
      PRESENCE_GRACE_MS: "2000",
      PRESENCE_SWEEP_MS: "1000",
      // Every test person signs up from this machine.
      SIGNUP_MAX_PER_IP: "100000",
      // long-history.spec.ts seeds 10,001 messages from one user; the limit itself is tested in
      // the integration tier (tests/integration/send-rate-limit.test.ts).
      MESSAGE_RATE_LIMIT: "1000000",
      // push.spec.ts saves a stand-in subscription whose host does not resolve here.
      PUSH_ALLOW_PRIVATE_ENDPOINTS: "1",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});

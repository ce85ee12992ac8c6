import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "server/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          // Domain functions against a real database, no sockets and no HTTP (tests/domain/support).
          name: "domain",
          include: ["tests/domain/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file starts a real server (Next + Socket.IO) against its own database.
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "fuzz",
          // One real app; every route and socket event with generated input (FUZZ_RUNS).
          include: ["tests/fuzz/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          maxWorkers: 1,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

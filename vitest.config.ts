import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers on loopback and real worker processes; 2 cores on CI.
    pool: "forks",
    maxWorkers: 2,
  },
});

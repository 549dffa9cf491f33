import { configDefaults, defineConfig } from "vitest/config";

/**
 * Suites that start processes: the built CLI (they need dist/, which the global setup builds)
 * or node/tsx children of their own. Everything else runs in-process as the `unit` project.
 */
const E2E = ["test/e2e/**/*.test.ts", "test/demo/dates.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Most of the e2e time is spent waiting (child processes, stalled upstreams, backoff), not
    // computing: four files at a time halve the wall time on a two-core machine (npm test,
    // measured: 138 s → 65–79 s), where the default would run one file at a time.
    maxWorkers: 4,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...E2E],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        extends: true,
        test: { name: "e2e", include: E2E, globalSetup: ["test/global-setup.ts"] },
      },
    ],
  },
});

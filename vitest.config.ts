import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside a React Server environment; tests run server code directly.
      "server-only": path.join(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores, which is one on CI's two. Many files wait on
    // child processes and local servers, so two workers finish about a fifth sooner there.
    maxWorkers: 2,
    // Tests empty the tables of the store they use: a DATABASE_URL exported in a developer's shell
    // (a team's database) must never be it. Store tests on PostgreSQL use TEST_DATABASE_URL's server.
    env: { DATABASE_URL: "" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: [...configDefaults.exclude, "tests/store/**"] } },
      // The store's contract tests run on PGlite and on a real PostgreSQL server, started once for
      // them only (a run that selects no store test starts none).
      { extends: true, test: { name: "store", include: ["tests/store/**/*.test.ts"], globalSetup: ["tests/store/support/postgres-setup.ts"] } },
    ],
  },
});

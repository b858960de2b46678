import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
import { startThrowawayPostgresSync, stopThrowawayPostgresSync } from "./scripts/postgres/throwaway";
import { TEST_ROLE_MAP } from "./scripts/oidc-provider/users";

// Ports are chosen once in the runner process; workers inherit them through the environment.
function freePort(name: string): string {
  process.env[name] ??= execFileSync(process.execPath, ["scripts/free-port.mjs"]).toString().trim();
  return process.env[name]!;
}

const localPort = freePort("E2E_LOCAL_PORT");
const awsPort = freePort("E2E_AWS_PORT");
const fakePort = freePort("E2E_FAKE_AGENTCORE_PORT");
const fakeAnthropicPort = freePort("E2E_FAKE_ANTHROPIC_PORT");

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// DATABASE_URL emptied: a developer's exported team database must never receive the specs' writes.
const baseEnv = { NEXT_TELEMETRY_DISABLED: "1", CONSOLE_USER: "e2e-tester", DATABASE_URL: "" };

/**
 * The team project (e2e/team-*.spec.ts) runs two consoles on one PostgreSQL database behind the test
 * identity provider, with approvals on. Its servers start only when it is selected (by --project, by
 * a spec file name, or by running everything), so a run of other specs costs nothing more.
 */
function teamSelected(argv: string[]): boolean {
  const projects: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--project") projects.push(argv[++i] ?? "");
    else if (argv[i].startsWith("--project=")) projects.push(argv[i].slice("--project=".length));
    else if (/\.spec\.ts$|^e2e\//.test(argv[i])) files.push(argv[i]);
  }
  if (projects.length) return projects.includes("team");
  return files.length === 0 || files.some((f) => /team-/.test(f));
}
process.env.E2E_TEAM ??= teamSelected(process.argv.slice(2)) ? "1" : "0";
const team = process.env.E2E_TEAM === "1";

// The throwaway PostgreSQL server is started once, in the runner, and stopped when it exits.
if (team && !process.env.E2E_TEAM_DATABASE_URL) {
  const pg = startThrowawayPostgresSync();
  process.env.E2E_TEAM_DATABASE_URL = pg.url;
  process.on("exit", () => stopThrowawayPostgresSync(pg.dir));
}
const teamA = freePort("E2E_TEAM_A_PORT");
const teamB = freePort("E2E_TEAM_B_PORT");
const oidcPort = freePort("E2E_OIDC_PORT");
const callbacks = [teamA, teamB].map((p) => `http://127.0.0.1:${p}/auth/callback`).join(",");
const teamEnv = (port: string) => ({
  ...baseEnv,
  PORT: port,
  CONSOLE_URL: `http://127.0.0.1:${port}`,
  AGENTCORE_BACKEND: "local",
  DATABASE_URL: process.env.E2E_TEAM_DATABASE_URL ?? "",
  AUTH_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  AUTH_OIDC_CLIENT_ID: "policy-studio-e2e",
  AUTH_OIDC_CLIENT_SECRET: "e2e-client-secret-not-real",
  AUTH_ROLE_MAP: TEST_ROLE_MAP,
  AUTH_SECRET: "e2e-session-secret-not-real-but-32-chars-long",
  REQUIRE_APPROVAL: "true",
});
const teamServers = team
  ? [
      {
        command: `npx tsx scripts/oidc-provider/main.ts`,
        url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
        env: { PORT: oidcPort, OIDC_CLIENT_ID: "policy-studio-e2e", OIDC_CLIENT_SECRET: "e2e-client-secret-not-real", OIDC_REDIRECT_URIS: callbacks },
        reuseExistingServer: false,
        timeout: 120_000,
      },
      // Two instances on one database, started together: the migrations run once, under the store's lock.
      ...[teamA, teamB].map((port) => ({
        command: `npx next start --hostname 127.0.0.1 --port ${port}`,
        url: `http://127.0.0.1:${port}/api/health`,
        env: teamEnv(port),
        reuseExistingServer: false,
        timeout: 120_000,
      })),
    ]
  : [];


export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "local", testIgnore: /(aws|team)-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${localPort}` } },
    { name: "aws", testMatch: /aws-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${awsPort}` } },
    { name: "team", testMatch: /team-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${teamA}` } },
  ],
  webServer: [
    {
      command: `npx tsx scripts/fake-agentcore/main.ts`,
      url: `http://127.0.0.1:${fakePort}/__fake/state`,
      env: { PORT: fakePort },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx --conditions=react-server scripts/fake-anthropic/main.ts`,
      url: `http://127.0.0.1:${fakeAnthropicPort}/__fake/state`,
      env: { PORT: fakeAnthropicPort },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf .data/e2e-local && npx next start --hostname 127.0.0.1 --port ${localPort}`,
      url: `http://127.0.0.1:${localPort}/api/health`,
      env: { ...baseEnv, PORT: localPort, DATA_DIR: ".data/e2e-local", AGENTCORE_BACKEND: "local" },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `rm -rf .data/e2e-aws && npx next start --hostname 127.0.0.1 --port ${awsPort}`,
      url: `http://127.0.0.1:${awsPort}/api/health`,
      env: {
        ...baseEnv,
        PORT: awsPort,
        DATA_DIR: ".data/e2e-aws",
        AGENTCORE_BACKEND: "aws",
        AGENTCORE_ENDPOINT: `http://127.0.0.1:${fakePort}`,
        CLOUDWATCH_ENDPOINT: `http://127.0.0.1:${fakePort}`,
        CLOUDWATCH_LOGS_ENDPOINT: `http://127.0.0.1:${fakePort}`,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDTESTFAKE",
        AWS_SECRET_ACCESS_KEY: "test-secret-not-real",
        AWS_ACCOUNT_ID: "111122223333",
        // The AWS console drafts with "Claude" through the fake Anthropic API.
        ANTHROPIC_API_KEY: "sk-ant-e2e-fake-key",
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${fakeAnthropicPort}`,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    ...teamServers,
  ],
});

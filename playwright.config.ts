import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

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
    { name: "local", testIgnore: /aws-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${localPort}` } },
    { name: "aws", testMatch: /aws-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${awsPort}` } },
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
  ],
});

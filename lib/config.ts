import "server-only";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The one place that reads the environment. Everything is validated once; a bad value fails with a
 * message naming the variable instead of surfacing later as an odd SDK error.
 */
const Env = z.object({
  AGENTCORE_BACKEND: z.enum(["local", "aws"]).optional(),
  AGENTCORE_ENDPOINT: z.url({ message: "AGENTCORE_ENDPOINT must be a URL such as http://127.0.0.1:4566" }).optional(),
  CLOUDWATCH_ENDPOINT: z.url({ message: "CLOUDWATCH_ENDPOINT must be a URL such as http://127.0.0.1:4566" }).optional(),
  CLOUDWATCH_LOGS_ENDPOINT: z.url({ message: "CLOUDWATCH_LOGS_ENDPOINT must be a URL such as http://127.0.0.1:4566" }).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  AWS_PROFILE: z.string().min(1).optional(),
  AWS_ACCOUNT_ID: z.string().regex(/^\d{12}$/, "AWS_ACCOUNT_ID must be 12 digits").optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  // The message never repeats the value: it holds the database password.
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/policy_studio" })
    .optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-5-5"),
  ANTHROPIC_BASE_URL: z.url().optional(),
  CONSOLE_USER: z.string().min(1).optional(),
  CONSOLE_URL: z.url({ message: "CONSOLE_URL must be the console's base URL, e.g. http://127.0.0.1:3000" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ALLOWED_HOSTS: z
    .string()
    .regex(/^[A-Za-z0-9.:\[\],\s-]+$/, "ALLOWED_HOSTS is a comma-separated list of host names, e.g. studio.example.com,studio.internal:8443")
    .optional(),
  TRUST_PROXY: z.enum(["true", "false", "1", "0"], { message: "TRUST_PROXY is true or false" }).optional(),
});

export interface AwsSettings {
  region: string;
  endpoint?: string;
  /** Endpoint overrides for the evidence clients (tests point them at the fake). */
  cloudwatchEndpoint?: string;
  logsEndpoint?: string;
  accountId?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface Config {
  backend: "local" | "aws";
  aws: AwsSettings | null;
  /** Absolute path, or `memory://` for an in-memory store (tests). Unused when `databaseUrl` is set. */
  dataDir: string;
  /** A shared PostgreSQL database for every table (several console instances on one store); a secret. */
  databaseUrl?: string;
  anthropic: { apiKey?: string; model: string; baseURL?: string };
  consoleUser: string;
  /** Where the console (and the local MCP gateway it serves) is reached, without a trailing slash. */
  publicUrl: string;
  /** Host names the console answers to beyond its own URL's and the loopback names (lib/http/hosts.ts). */
  allowedHosts: string[];
  /** Believe `X-Forwarded-*` headers: a reverse proxy the operator runs sets them. */
  trustProxy: boolean;
}

/** A bad environment: said once, precisely, wherever the console first needs its configuration. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super("config-invalid", message);
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${issues}`);
  }
  const e = parsed.data;
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  const hasCredentials = Boolean((e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY) || e.AWS_PROFILE);
  const backend = e.AGENTCORE_BACKEND ?? (region && hasCredentials ? "aws" : "local");
  if (backend === "aws" && !region) {
    throw new ConfigError("AGENTCORE_BACKEND=aws needs a region: set AWS_REGION (for example us-east-1).");
  }
  const aws: AwsSettings | null =
    backend === "aws" && region
      ? {
          region,
          endpoint: e.AGENTCORE_ENDPOINT,
          cloudwatchEndpoint: e.CLOUDWATCH_ENDPOINT,
          logsEndpoint: e.CLOUDWATCH_LOGS_ENDPOINT,
          accountId: e.AWS_ACCOUNT_ID,
          credentials:
            e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
              ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
              : undefined,
        }
      : null;
  const publicUrl = (e.CONSOLE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, "");
  return {
    backend,
    aws,
    dataDir: e.DATA_DIR.startsWith("memory://") ? e.DATA_DIR : path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, model: e.ANTHROPIC_MODEL, baseURL: e.ANTHROPIC_BASE_URL },
    consoleUser: e.CONSOLE_USER ?? safeOsUser(),
    publicUrl,
    allowedHosts: e.ALLOWED_HOSTS?.split(",").map((h) => h.trim()).filter(Boolean) ?? [],
    trustProxy: e.TRUST_PROXY === "true" || e.TRUST_PROXY === "1",
  };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => typeof kv[1] === "string" && kv[1] !== ""));
}

function safeOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "console-user";
  }
}

let cached: Config | undefined;

/** The process-wide config, read once. */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}

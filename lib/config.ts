import "server-only";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Role } from "@/lib/roles";

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
  AUTH_OIDC_ISSUER: z.url({ message: "AUTH_OIDC_ISSUER must be the identity provider's issuer URL, e.g. https://login.example.com/realms/team" }).optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  // Never repeated in a message: it is the client's password at the identity provider.
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_SCOPES: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, "AUTH_OIDC_SCOPES is a space-separated list of scopes").default("openid profile email"),
  AUTH_ROLE_CLAIM: z.string().regex(/^[A-Za-z0-9_:\/.-]+$/, "AUTH_ROLE_CLAIM is a claim name, or a dotted path such as realm_access.roles").default("roles"),
  AUTH_ROLE_MAP: z.string().max(4000).optional(),
  AUTH_DEFAULT_ROLE: z.enum([...Role.options, "none"], { message: "AUTH_DEFAULT_ROLE is viewer, author, publisher, admin or none" }).default("none"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)").optional(),
  AUTH_SESSION_HOURS: z.coerce.number({ message: "AUTH_SESSION_HOURS is a number of hours" }).int().min(1).max(720).default(8),
  REQUIRE_APPROVAL: z.enum(["true", "false", "1", "0"], { message: "REQUIRE_APPROVAL is true or false" }).optional(),
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
  /** Sign-in with the team's identity provider; null: one user on 127.0.0.1, "who" is `consoleUser`. */
  auth: AuthSettings | null;
  /** Publishing to an ENFORCE gateway, and switching one to ENFORCE, wait for a second publisher. */
  requireApproval: boolean;
}

export interface AuthSettings {
  issuer: string;
  clientId: string;
  /** A secret: only the token request sees it. */
  clientSecret: string;
  scopes: string;
  /** Where the roles are in the ID token or userinfo: a claim name or a dotted path. */
  roleClaim: string;
  /** Claim value → role; the role names themselves always map to their role. */
  roleMap: Record<string, Role>;
  /** The role of someone none of whose claim values is mapped; null refuses them. */
  defaultRole: Role | null;
  /** Seals the session cookie (a secret). */
  secret: string;
  sessionHours: number;
  /** `Secure` cookies: the console is reached over https. */
  secureCookies: boolean;
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
  const auth = authSettings(e, publicUrl);
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
    auth,
    requireApproval: e.REQUIRE_APPROVAL === "true" || e.REQUIRE_APPROVAL === "1",
  };
}

const OIDC_VARS = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function authSettings(e: z.infer<typeof Env>, publicUrl: string): AuthSettings | null {
  const set = OIDC_VARS.filter((v) => e[v] !== undefined);
  if (set.length === 0) return null;
  if (set.length < OIDC_VARS.length) {
    throw new ConfigError(`Sign-in needs all of ${OIDC_VARS.join(", ")}; ${OIDC_VARS.filter((v) => !set.includes(v)).join(" and ")} ${set.length === 2 ? "is" : "are"} not set.`);
  }
  const issuer = new URL(e.AUTH_OIDC_ISSUER!);
  // Plain http only to an identity provider on this machine (a test or development provider).
  if (issuer.protocol !== "https:" && !(issuer.protocol === "http:" && LOOPBACK_HOSTS.has(issuer.hostname))) {
    throw new ConfigError("AUTH_OIDC_ISSUER must be an https URL (plain http is accepted only for a provider on 127.0.0.1).");
  }
  if (!e.AUTH_SECRET) throw new ConfigError("Sign-in needs AUTH_SECRET (at least 32 characters, e.g. openssl rand -base64 48): it seals the session cookies.");
  if (!e.AUTH_OIDC_SCOPES.split(" ").includes("openid")) throw new ConfigError('AUTH_OIDC_SCOPES must include "openid".');
  return {
    issuer: e.AUTH_OIDC_ISSUER!,
    clientId: e.AUTH_OIDC_CLIENT_ID!,
    clientSecret: e.AUTH_OIDC_CLIENT_SECRET!,
    scopes: e.AUTH_OIDC_SCOPES,
    roleClaim: e.AUTH_ROLE_CLAIM,
    roleMap: parseRoleMap(e.AUTH_ROLE_MAP),
    defaultRole: e.AUTH_DEFAULT_ROLE === "none" ? null : e.AUTH_DEFAULT_ROLE,
    secret: e.AUTH_SECRET,
    sessionHours: e.AUTH_SESSION_HOURS,
    secureCookies: publicUrl.startsWith("https:"),
  };
}

/** `AUTH_ROLE_MAP=policy-admins=admin,policy-publishers=publisher`: claim values to roles. */
export function parseRoleMap(text: string | undefined): Record<string, Role> {
  const map: Record<string, Role> = Object.fromEntries(Role.options.map((r) => [r, r]));
  for (const entry of (text ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const value = entry.slice(0, at).trim();
    const role = Role.safeParse(entry.slice(at + 1).trim());
    if (at <= 0 || !value || !role.success) {
      throw new ConfigError(`AUTH_ROLE_MAP: "${entry.slice(0, 80)}" is not <claim value>=<viewer|author|publisher|admin>.`);
    }
    map[value] = role.data;
  }
  return map;
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

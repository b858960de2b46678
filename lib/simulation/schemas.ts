import { z } from "zod";

/** Request shapes shared by the simulate, personas and suites routes and the CLI. */
export const Principal = z.object({
  type: z.enum(["OAuthUser", "IamEntity"]).optional(),
  sub: z.string().min(1, "principal.sub is the JWT subject and cannot be empty").max(512),
  claims: z.record(z.string(), z.unknown()).default({}),
});

export const Call = z.object({ principal: Principal, request: z.unknown() });

export const Case = z.object({
  name: z.string().min(1).max(200),
  principal: Principal,
  request: z.unknown(),
  expected: z.enum(["ALLOW", "DENY"]),
});

export const SUITE_FORMAT = "policy-studio-suite/1";

/** A suite as a file: self-contained, so the CLI can run it without the console. */
export const SuiteFile = z.object({
  format: z.literal(SUITE_FORMAT),
  suite: z.string().min(1).max(100),
  gateway: z.object({
    name: z.string(),
    gatewayArn: z.string(),
    principalType: z.enum(["OAuthUser", "IamEntity"]).default("OAuthUser"),
    /** May be empty when the CLI is given --tools or --schema. */
    tools: z.array(z.object({ name: z.string(), description: z.string().default(""), inputSchema: z.record(z.string(), z.unknown()) })).default([]),
  }),
  /** The published policies when the suite was exported; the CLI's default policy set. */
  policies: z.string().default(""),
  cases: z.array(Case),
});
export type SuiteFile = z.infer<typeof SuiteFile>;

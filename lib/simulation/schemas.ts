import { z } from "@/lib/zod-csp";
import { DECISIONS, PRINCIPAL_KINDS } from "@/lib/cedar/cedar-api";
import { Principal } from "@/lib/mcp/principal";

/** Request shapes shared by the simulate, personas and suites routes, the store and the CLI. */

export const Call = z.object({ principal: Principal, request: z.unknown() });

/** A saved call's body: a JSON-RPC `tools/call` object, or its text as a log shows it. */
export const CallBody = z.union([z.string().max(1024 * 1024), z.record(z.string(), z.unknown())], { error: "request is a JSON-RPC tools/call body: an object, or its text" });

export const Case = z.object({
  name: z.string().min(1).max(200),
  principal: Principal,
  request: CallBody,
  expected: z.enum(DECISIONS),
});
/** A saved call with the decision it should get. */
export type TestCase = z.infer<typeof Case>;

export const SUITE_NAME = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "A suite name has no control characters (line breaks, tabs)");

/** A test case as stored: in a named suite of one gateway. */
export interface StoredTestCase extends TestCase {
  id: number;
  gatewayId: string;
  suite: string;
  createdAt: string;
}

export const PERSONA_NAME = z.string().min(1).max(100).regex(/^[\w.-]+$/, "A persona's name uses letters, digits, dot, dash or underscore (at most 100)");

/** A named principal of a gateway: the JWT `sub` and claims an agent's token would carry. */
export const Persona = Principal.extend({ name: PERSONA_NAME, type: z.enum(PRINCIPAL_KINDS).default("OAuthUser") });
export type Persona = z.infer<typeof Persona>;

export const SUITE_FORMAT = "policy-studio-suite/1";

/** A suite as a file: self-contained, so the CLI can run it without the console. */
export const SuiteFile = z.object({
  format: z.literal(SUITE_FORMAT),
  suite: SUITE_NAME,
  gateway: z.object({
    name: z.string(),
    gatewayArn: z.string(),
    principalType: z.enum(PRINCIPAL_KINDS).default("OAuthUser"),
    /** May be empty when the CLI is given --tools or --schema. */
    tools: z.array(z.object({ name: z.string(), description: z.string().default(""), inputSchema: z.record(z.string(), z.unknown()) })).default([]),
  }),
  /** The published policies when the suite was exported; the CLI's default policy set. */
  policies: z.string().default(""),
  cases: z.array(Case),
});
export type SuiteFile = z.infer<typeof SuiteFile>;

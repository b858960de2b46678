import { z } from "@/lib/zod-csp";
import { DECISIONS, PRINCIPAL_KINDS } from "@/lib/cedar/cedar-api";
import { GUARDRAIL_CATEGORIES, GUARDRAIL_TYPES } from "@/lib/dogwood/guardrails";
import { Principal } from "@/lib/mcp/principal";

/** Request shapes shared by the simulate, personas and suites routes, the store and the CLI. */

export const Call = z.object({ principal: Principal, request: z.unknown() });

/** A saved call's body: a JSON-RPC `tools/call` object, or its text as a log shows it. */
export const CallBody = z.union([z.string().max(1024 * 1024), z.record(z.string(), z.unknown())], { error: "request is a JSON-RPC tools/call body: an object, or its text" });

/** A guardrail score the user sets for one call and category (default for every category: no detection). */
export const GuardrailScore = z
  .object({
    type: z.enum(GUARDRAIL_TYPES),
    category: z.string().min(1).max(100),
    score: z.number().min(0, "a confidence score is between 0 and 1").max(1, "a confidence score is between 0 and 1"),
    on: z.enum(["input", "output"]).optional(),
  })
  .refine((g) => GUARDRAIL_CATEGORIES[g.type].includes(g.category), { message: "not a category of this guardrail type", path: ["category"] });

/** Seconds on any fixed clock, or an ISO-8601 time with its offset. */
const At = z.union([z.number().finite().min(0), z.iso.datetime({ offset: true })], { error: "at is seconds (a number) or an ISO-8601 time such as 2026-01-15T10:00:00Z" });

/** What one call of a session carries beside its body: when, how the tool run ended, its output, guardrail scores. */
export const SessionCallFields = z.object({
  at: At.optional(),
  /** `failed`: the tool ran and failed, so the call records an error event, not a response. */
  outcome: z.enum(["completed", "failed"]).optional(),
  /** The tool's result fields (`output.…` of its response event); absent: not known. */
  output: z.record(z.string(), z.unknown()).optional(),
  guardrails: z.array(GuardrailScore).max(50).optional(),
});

export const MAX_SESSION_CALLS = 1000;

/** Times in a session move forward and are all of one kind (seconds, or ISO times). */
function sessionTimes(calls: Array<{ at?: number | string }>, ctx: z.RefinementCtx) {
  const given = calls.map((c, i) => ({ at: c.at, i })).filter((c) => c.at !== undefined);
  if (new Set(given.map((c) => typeof c.at)).size > 1) ctx.addIssue({ code: "custom", message: "Give every `at` as seconds or every one as an ISO time, not a mix", path: [given[0].i, "at"] });
  let last = -Infinity;
  for (const c of given) {
    const t = typeof c.at === "number" ? c.at : Date.parse(c.at as string) / 1000;
    if (t < last) ctx.addIssue({ code: "custom", message: "Calls of a session are in the order they happened: this call's `at` is before the previous one's", path: [c.i, "at"] });
    last = Math.max(last, t);
  }
}

/** A call of a session to simulate: the body and what it did. */
export const SessionCall = SessionCallFields.extend({ request: CallBody });

/** An ordered session of one principal's calls (the gateway binds a policy session to the caller's identity). */
export const Session = z.object({
  principal: Principal,
  calls: z.array(SessionCall).min(1, "Send at least one call in the session").max(MAX_SESSION_CALLS).superRefine((calls, ctx) => sessionTimes(calls, ctx)),
});
export type Session = z.infer<typeof Session>;

const CaseName = z.string().min(1).max(200);

export const SingleCase = z.object({
  name: CaseName,
  principal: Principal,
  request: CallBody,
  expected: z.enum(DECISIONS),
});

/** A session with the decision each of its calls should get. */
export const SessionCase = z.object({
  name: CaseName,
  principal: Principal,
  session: z
    .array(SessionCall.extend({ expected: z.enum(DECISIONS) }))
    .min(1, "A session case has at least one call")
    .max(MAX_SESSION_CALLS)
    .superRefine((calls, ctx) => sessionTimes(calls, ctx)),
});

/**
 * A case of either shape, told apart by its `session` key, so a bad case gets the message of the
 * field that is wrong ("request is a JSON-RPC tools/call body…") instead of a union's summary.
 */
export function singleOrSession<A extends z.ZodType, B extends z.ZodType>(single: A, session: B) {
  return z.unknown().transform((value, ctx): z.output<A> | z.output<B> => {
    const shape = value !== null && typeof value === "object" && "session" in value ? session : single;
    const parsed = shape.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, input: value });
    return z.NEVER;
  });
}

export const Case = singleOrSession(SingleCase, SessionCase);
/** A saved call with the decision it should get, or a saved session with one per call. */
export type TestCase = z.infer<typeof Case>;
export type SessionTestCase = z.infer<typeof SessionCase>;

export function isSessionCase(c: TestCase): c is SessionTestCase {
  return "session" in c;
}

export const SUITE_NAME = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "A suite name has no control characters (line breaks, tabs)");

/** A test case as stored: in a named suite of one gateway. */
export type StoredTestCase = TestCase & {
  id: number;
  gatewayId: string;
  suite: string;
  createdAt: string;
};

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

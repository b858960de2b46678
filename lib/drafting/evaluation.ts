/**
 * Scoring a drafter against the evaluation corpus (eval/drafting/*.json) by what its policies
 * DECIDE: each entry's sample calls are authorized through cedar-wasm, with the gateway's generated
 * schema, by the same engine the simulator uses. The policy text is never compared. Pure: the
 * corpus, the gateway and the draft are passed in.
 *
 * Outcomes, in the order they are decided:
 * - too-broad: some sample call the expectation denies is allowed by the drafted policies themselves,
 *   or is allowed by the entry's base policies and the drafter neither forbade it nor asked a question
 *   (a drafter that asks instead of drafting never widens anything);
 * - for an entry whose right answer is a question (`expect: "question"`):
 *   asked (correct) when the drafter asked at least one question, else drafted (wrong);
 * - for an entry that expects a draft:
 *   asked (wrong) when the drafter asked and wrote no policy;
 *   too-narrow when some call the expectation allows is denied;
 *   exact (correct) when every sample call is decided as expected.
 */
import { z } from "zod";
import { compilePolicySet, disposeCompiled, evaluate } from "@/lib/cedar/authorize";
import type { CedarApi } from "@/lib/cedar/cedar-api";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { exampleArguments } from "@/lib/mcp/example-args";
import type { DraftResult, DraftTool } from "./types";

const Decision = z.enum(["ALLOW", "DENY"]);
const Call = z.tuple([z.string().min(1), z.record(z.string(), z.unknown()), z.record(z.string(), z.string()), Decision]);

export const CorpusEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Entries marked held-out are not looked at while tuning the offline drafter. */
    split: z.enum(["tuned", "held-out"]),
    request: z.string().min(1),
    expect: z.enum(["draft", "question"]),
    /** Policies already in the draft (Cedar text); the drafted ones are inserted after them. */
    base: z.string().optional(),
    /** [tool (short or MCP name), arguments (merged over the schema's required examples), claims, expected decision]. */
    calls: z.array(Call),
    note: z.string().optional(),
    source: z.string().optional(),
  })
  .strict()
  .refine((e) => e.expect === "question" || e.calls.length > 0, { message: "an entry that expects a draft needs sample calls" });

export const CorpusFile = z.object({ tools: z.string().min(1), entries: z.array(CorpusEntry).min(1) }).strict();

export type CorpusEntry = z.infer<typeof CorpusEntry>;
export type Outcome = "exact" | "too-narrow" | "too-broad" | "asked" | "drafted";

export interface EvalGateway {
  gatewayArn: string;
  tools: DraftTool[];
  schemaJson: Record<string, unknown>;
}

export interface Miss {
  tool: string;
  args: Record<string, unknown>;
  claims: Record<string, string>;
  expected: "ALLOW" | "DENY";
  got: "ALLOW" | "DENY";
}

export interface Scored {
  id: string;
  split: CorpusEntry["split"];
  request: string;
  expect: CorpusEntry["expect"];
  outcome: Outcome;
  correct: boolean;
  misses: Miss[];
  questions: string[];
  policyCount: number;
}

export function scoreEntry(cedar: CedarApi, entry: CorpusEntry, gateway: EvalGateway, draft: Pick<DraftResult, "policies" | "questions">): Scored {
  const compile = (texts: string[]) => {
    const text = texts.filter((t) => t.trim()).join("\n\n");
    // Ids of the base and the draft may collide; the engine would see them as separate policies.
    const policies = splitPolicies(cedar, text).parts.map((p, i) => ({ id: `p${i}_${p.id}`, text: p.text, enforcementMode: "ACTIVE" as const }));
    return compilePolicySet(cedar, { policies, schemaJson: gateway.schemaJson });
  };
  const drafted = draft.policies.map((p) => p.statement);
  const compiled = compile([entry.base ?? "", ...drafted]);
  const alone = entry.base ? compile(drafted) : compiled;
  const misses: Miss[] = [];
  let widened = false;
  try {
    for (const [short, args, claims, expected] of entry.calls) {
      const tool = resolveTool(gateway.tools, short);
      const built = buildRequest({
        principal: { sub: "eval", claims },
        toolName: tool.name,
        args: { ...exampleArguments(tool.inputSchema), ...args },
        gatewayArn: gateway.gatewayArn,
        schemaJson: gateway.schemaJson,
      });
      if (!built.ok) throw new Error(`${entry.id}: the sample call of ${short} does not fit the tool's schema: ${built.error}`);
      const got = evaluate(compiled, built.request).decision;
      if (got !== expected) misses.push({ tool: tool.name, args, claims, expected, got });
      if (expected === "DENY" && got === "ALLOW" && (draft.questions.length === 0 || evaluate(alone, built.request).decision === "ALLOW")) widened = true;
    }
  } finally {
    disposeCompiled(compiled);
    if (alone !== compiled) disposeCompiled(alone);
  }
  const asked = draft.questions.length > 0;
  const outcome: Outcome = widened
    ? "too-broad"
    : entry.expect === "question"
      ? asked
        ? "asked"
        : "drafted"
      : asked && draft.policies.length === 0
        ? "asked"
        : misses.length
          ? "too-narrow"
          : "exact";
  const correct = outcome === "exact" || (outcome === "asked" && entry.expect === "question");
  return { id: entry.id, split: entry.split, request: entry.request, expect: entry.expect, outcome, correct, misses, questions: draft.questions, policyCount: draft.policies.length };
}

function resolveTool(tools: DraftTool[], name: string): DraftTool {
  const tool = tools.find((t) => t.name === name || t.name.endsWith(`___${name}`));
  if (!tool) throw new Error(`The corpus names a tool this gateway does not have: ${name}`);
  return tool;
}

export interface Summary {
  correct: number;
  total: number;
  tooBroad: number;
  tooNarrow: number;
  asked: number;
  drafted: number;
}

export function summarize(scored: Scored[]): Summary {
  const count = (o: Outcome) => scored.filter((s) => s.outcome === o).length;
  return { correct: scored.filter((s) => s.correct).length, total: scored.length, tooBroad: count("too-broad"), tooNarrow: count("too-narrow"), asked: count("asked"), drafted: count("drafted") };
}

/** The evaluation's last line: `exact N/M, too broad K, asked Q`. */
export function summaryLine(s: Summary): string {
  return `exact ${s.correct}/${s.total}, too broad ${s.tooBroad}, asked ${s.asked}`;
}

/** One line per request, for people reading the run. */
export function entryLine(s: Scored): string {
  const label = s.outcome === "asked" ? (s.correct ? "asked (right)" : "asked (a draft was expected)") : s.outcome === "drafted" ? "drafted (a question was expected)" : s.outcome.replace("-", " ");
  return `${s.correct ? "✓" : "✗"} ${s.id.padEnd(12)} ${label.padEnd(28)} ${s.request}`;
}

export function missLine(m: Miss): string {
  return `    ${m.expected === "DENY" ? "allowed" : "denied"} ${m.tool} ${JSON.stringify(m.args)} as ${JSON.stringify(m.claims)} (expected ${m.expected})`;
}

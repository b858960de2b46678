import type { CedarApi } from "@/lib/cedar/cedar-api";
import { compilePolicySet, disposeCompiled, evaluate } from "@/lib/cedar/authorize";
import { describePolicy } from "@/lib/cedar/policy-parts";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { exampleArguments } from "@/lib/simulation/example-args";

/** The service's finding vocabulary (AgentCore policy analysis). */
export type FindingType = "VALID" | "INVALID" | "NOT_TRANSLATABLE" | "ALLOW_ALL" | "ALLOW_NONE" | "DENY_ALL" | "DENY_NONE";

export interface Finding {
  type: FindingType;
  policyId: string;
  message: string;
  /** How the finding was established, so a reader can judge it. */
  how: string;
}

interface Tool {
  name: string;
  inputSchema: Record<string, unknown>;
}

const MAX_SAMPLES_PER_TOOL = 150;

/**
 * Risk findings for policies that validate: scope analysis (which tools a policy can apply to, and
 * whether it has conditions) and sampling (boundary values of the numbers the policies compare, the
 * tag values they name) for conditions that never hold or forbids that hide permits.
 */
export function analyzePolicies(
  cedar: CedarApi,
  input: { policies: Array<{ id: string; text: string }>; schemaJson: Record<string, unknown>; gatewayArn: string; tools: Tool[] },
): Finding[] {
  const toolNames = new Set(input.tools.map((t) => t.name));
  const findings: Finding[] = [];
  const described = input.policies.map((p) => ({ ...p, d: describePolicy(cedar, p.text) }));
  const live: typeof described = [];

  for (const p of described) {
    if (!p.d.json || !p.d.effect) continue; // invalid policies are reported by validation
    const scope = p.d.actions === null ? [...toolNames] : p.d.actions.filter((a) => toolNames.has(a));
    const permit = p.d.effect === "permit";
    if (scope.length === 0) {
      findings.push({
        type: permit ? "ALLOW_NONE" : "DENY_NONE",
        policyId: p.id,
        message: `${p.id} can never match: its scope names no tool of this gateway (${(p.d.actions ?? []).join(", ") || "none"}).`,
        how: "Scope analysis: the actions in the policy's scope compared with the gateway's tools.",
      });
      continue;
    }
    const unconditional = p.d.json.conditions.length === 0 && p.d.json.principal.op === "All";
    if (unconditional && p.d.actions === null) {
      findings.push({
        type: permit ? "ALLOW_ALL" : "DENY_ALL",
        policyId: p.id,
        message: permit ? `${p.id} permits every call of every tool, to any principal.` : `${p.id} forbids every call of every tool: nothing can be allowed.`,
        how: "Scope analysis: no principal or action constraint and no when/unless condition.",
      });
    }
    live.push(p);
  }
  if (live.length === 0) return findings;

  // Every policy is compiled as LOG_ONLY, so one evaluation reports each one's satisfaction.
  const compiled = compilePolicySet(cedar, { policies: live.map((p) => ({ id: p.id, text: p.text, enforcementMode: "LOG_ONLY" as const })), schemaJson: input.schemaJson });
  try {
    const satisfied = new Map<string, number>(live.map((p) => [p.id, 0]));
    const shadowedBy = new Map<string, Set<string> | null>();
    let sampled = 0;
    const numbers = literalNumbers(live.map((p) => p.text));
    const tagValues = literalTags(live.map((p) => p.text));
    for (const tool of input.tools) {
      for (const call of samples(tool, numbers, tagValues)) {
        const built = buildRequest({ principal: call.principal, toolName: tool.name, args: call.args, gatewayArn: input.gatewayArn, schemaJson: input.schemaJson as never });
        if (!built.ok) continue;
        sampled++;
        const matched = evaluate(compiled, built.request, { validate: false }).logOnly.matched;
        const forbids = matched.filter((id) => live.find((p) => p.id === id)?.d.effect === "forbid");
        for (const id of matched) {
          satisfied.set(id, (satisfied.get(id) ?? 0) + 1);
          if (live.find((p) => p.id === id)?.d.effect !== "permit") continue;
          const prev = shadowedBy.get(id);
          if (prev === null) continue;
          const now = new Set(forbids);
          shadowedBy.set(id, forbids.length === 0 ? null : prev ? new Set([...prev].filter((f) => now.has(f))) : now);
        }
      }
    }
    const how = `Sampling: ${sampled} calls built from the tools' schemas, with the numbers the policies compare (and their neighbours) and the tag values they name.`;
    for (const p of live) {
      if (findings.some((f) => f.policyId === p.id)) continue;
      const permit = p.d.effect === "permit";
      if ((satisfied.get(p.id) ?? 0) === 0) {
        findings.push({ type: permit ? "ALLOW_NONE" : "DENY_NONE", policyId: p.id, message: `No sampled call satisfies ${p.id}: its conditions may contradict each other or name values no call has.`, how });
        continue;
      }
      const hiders = shadowedBy.get(p.id);
      if (permit && hiders && hiders.size > 0) {
        findings.push({
          type: "ALLOW_NONE",
          policyId: p.id,
          message: `${p.id} is unreachable: every sampled call it permits is forbidden by ${[...hiders].join(", ")}.`,
          how,
        });
      }
    }
  } finally {
    disposeCompiled(compiled);
  }
  return findings;
}

function literalNumbers(texts: string[]): number[] {
  const out = new Set<number>([0, 1]);
  for (const t of texts) {
    // Numbers inside strings (ARNs, ids) are not limits; decimal("…") literals are.
    const decimals = [...t.matchAll(/decimal\("(-?\d+(?:\.\d+)?)"\)/g)].map((m) => m[1]);
    const code = t.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const raw of [...decimals, ...[...code.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?/g)].map((m) => m[0])]) {
      const n = Number(raw);
      if (Number.isFinite(n)) [n - 1, n, n + 1].forEach((v) => out.add(v));
    }
  }
  return [...out];
}

function literalTags(texts: string[]): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  for (const t of texts) {
    for (const m of t.matchAll(/getTag\("([^"]+)"\)\s*(?:==|!=)\s*"([^"]*)"/g)) {
      if (!tags.has(m[1])) tags.set(m[1], new Set());
      tags.get(m[1])!.add(m[2]);
    }
    for (const m of t.matchAll(/hasTag\("([^"]+)"\)/g)) if (!tags.has(m[1])) tags.set(m[1], new Set());
  }
  return tags;
}

function* samples(tool: Tool, numbers: number[], tags: Map<string, Set<string>>) {
  const base = exampleArguments(tool.inputSchema);
  const props = (tool.inputSchema.properties ?? {}) as Record<string, { type?: string }>;
  const numeric = Object.entries(props).filter(([, s]) => s?.type === "integer" || s?.type === "number").map(([k, s]) => ({ k, integer: s.type === "integer" }));
  const argSets: Array<Record<string, unknown>> = [base];
  for (const { k, integer } of numeric) for (const n of numbers) argSets.push({ ...base, [k]: integer ? Math.trunc(n) : n });
  const principals: Array<Record<string, unknown>> = [{}];
  for (const [tag, values] of tags) {
    for (const v of values) principals.push({ [tag]: v });
    principals.push({ [tag]: "someone-else" });
  }
  if (tags.size > 1) principals.push(Object.fromEntries([...tags].map(([k, v]) => [k, [...v][0] ?? "x"])));
  let count = 0;
  for (const args of argSets) {
    for (const claims of principals) {
      if (count++ >= MAX_SAMPLES_PER_TOOL) return;
      yield { args, principal: { sub: "sample", claims } };
    }
  }
}

/**
 * The two ways a draft can leave access wider than asked that a reviewer must see before applying
 * it, not only in the findings list: a policy that permits every call (`ALLOW_ALL`), and a permit
 * for any principal when the request named people ("admins", "the refund-agent role").
 */
import type { CedarApi } from "@/lib/cedar/cedar-api";
import type { Finding } from "@/lib/analysis/findings";
import { namedPeople } from "./offline-clause";
import type { DraftTool } from "./types";

export interface AccessWarning {
  type: "ALLOW_ALL" | "ANY_PRINCIPAL";
  policyIds: string[];
  message: string;
}

export function accessWarnings(
  cedar: Pick<CedarApi, "policyToJson">,
  input: { request: string; tools: DraftTool[]; schemaJson: Record<string, unknown> },
  policies: Array<{ id: string; text: string }>,
  findings: Finding[],
): AccessWarning[] {
  const out: AccessWarning[] = [];
  const all = [...new Set(findings.filter((f) => f.type === "ALLOW_ALL").map((f) => f.policyId))];
  if (all.length) out.push({ type: "ALLOW_ALL", policyIds: all, message: `${all.join(", ")} ${all.length > 1 ? "permit" : "permits"} every call of every tool of this gateway, to anyone, with any arguments.` });
  const people = namedPeople(input.request, input.tools, input.schemaJson);
  if (people.length) {
    const anyone = policies.filter((p) => permitsAnyPrincipal(cedar, p.text)).map((p) => p.id);
    if (anyone.length) {
      out.push({
        type: "ANY_PRINCIPAL",
        policyIds: anyone,
        message: `The request names people (${people.map((r) => `“${r}”`).join(", ")}), but ${anyone.join(", ")} ${anyone.length > 1 ? "permit" : "permits"} the call to any principal: no condition on the caller's role or id.`,
      });
    }
  }
  return out;
}

/** A permit whose scope and conditions never look at the principal. */
function permitsAnyPrincipal(cedar: Pick<CedarApi, "policyToJson">, text: string): boolean {
  let answer: ReturnType<CedarApi["policyToJson"]>;
  try {
    answer = cedar.policyToJson(text);
  } catch {
    return false;
  }
  if (answer.type !== "success" || answer.json.effect !== "permit") return false;
  const principal = answer.json.principal as { op?: string };
  return principal.op === "All" && !JSON.stringify(answer.json.conditions).includes('{"Var":"principal"}');
}

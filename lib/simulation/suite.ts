import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { Decision } from "@/lib/cedar/cedar-api";
import { decide } from "./replay";
import type { SimGateway, TestCase } from "./types";

export interface CaseRun {
  name: string;
  expected: Decision;
  draft: Decision;
  published: Decision;
  draftPass: boolean;
  publishedPass: boolean;
  draftPolicies: string[];
  publishedPolicies: string[];
  /** Why the call could not be evaluated at all (malformed body, bad arguments): DENY either way. */
  invalid?: string;
}

/** A suite's cases against the draft and the published set, side by side. */
export function runSuite(cases: TestCase[], gateway: SimGateway, draft: CompiledPolicySet, published: CompiledPolicySet) {
  const runs: CaseRun[] = cases.map((c) => {
    const d = decide(draft, gateway, c);
    const p = decide(published, gateway, c);
    return { name: c.name, expected: c.expected, draft: d.decision, published: p.decision, draftPass: d.decision === c.expected, publishedPass: p.decision === c.expected, draftPolicies: d.determiningPolicies, publishedPolicies: p.determiningPolicies, invalid: d.invalid };
  });
  return {
    runs,
    draft: { passed: runs.filter((r) => r.draftPass).length, failed: runs.filter((r) => !r.draftPass).length },
    published: { passed: runs.filter((r) => r.publishedPass).length, failed: runs.filter((r) => !r.publishedPass).length },
  };
}

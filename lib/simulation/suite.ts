import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { SessionEngine } from "@/lib/dogwood/session";
import { sessionEngineOf } from "./policy-set";
import { decide, type ToolOutput } from "./replay";
import { dependsOnText } from "./depends-on";
import { replaySession } from "./session-replay";
import { isSessionCase, type SessionTestCase } from "./schemas";
import type { SimDecision, SimGateway, TestCase } from "./types";

/** One call of a case against the draft and the published set. */
export interface CallRun {
  expected: Decision;
  draft: SimDecision;
  published: SimDecision;
  /** An UNDECIDED call never passes: the suite cannot confirm what it expects. */
  draftPass: boolean;
  publishedPass: boolean;
  draftPolicies: string[];
  publishedPolicies: string[];
  /** Why the call could not be evaluated at all (malformed body, bad arguments): DENY either way. */
  invalid?: string;
  /** UNDECIDED: what the decision depends on ("depends on …"). */
  draftDependsOn?: string;
  publishedDependsOn?: string;
}

/**
 * A case's run. A session case has one run per call in `calls` and passes when every call does; its
 * top-level fields are those of the call that decides the outcome (the first that fails, else the last).
 */
export interface CaseRun extends CallRun {
  name: string;
  calls?: CallRun[];
}

/**
 * A suite's cases against the draft and the published set, side by side. `output`: how the tools the
 * workspace answers itself answer (lib/targets/local-answer.ts), so a session case's later calls see
 * the same results Simulate and the local gateway record.
 */
export function runSuite(cases: TestCase[], gateway: SimGateway, draft: CompiledPolicySet, published: CompiledPolicySet, output?: ToolOutput) {
  const engines = { draft: sessionEngineOf(draft), published: sessionEngineOf(published) };
  const runs: CaseRun[] = cases.map((c) => {
    if (isSessionCase(c)) return runSession(c, gateway, engines, true, output);
    if (!engines.draft.dogwood.length && !engines.published.dogwood.length) {
      const d = decide(draft, gateway, c);
      const p = decide(published, gateway, c);
      return { name: c.name, expected: c.expected, draft: d.decision, published: p.decision, draftPass: d.decision === c.expected, publishedPass: p.decision === c.expected, draftPolicies: d.determiningPolicies, publishedPolicies: p.determiningPolicies, invalid: d.invalid };
    }
    // A single call is a session of its own: no earlier events.
    return runSession({ name: c.name, principal: c.principal, session: [{ request: c.request, expected: c.expected }] }, gateway, engines, false, output);
  });
  return {
    runs,
    draft: { passed: runs.filter((r) => r.draftPass).length, failed: runs.filter((r) => !r.draftPass).length },
    published: { passed: runs.filter((r) => r.publishedPass).length, failed: runs.filter((r) => !r.publishedPass).length },
  };
}

function runSession(c: SessionTestCase, gateway: SimGateway, engines: { draft: SessionEngine; published: SessionEngine }, perCall: boolean, output?: ToolOutput): CaseRun {
  const calls = c.session.map((s) => ({ ...s, principal: c.principal }));
  const draft = replaySession(engines.draft, gateway, calls, { output });
  const published = replaySession(engines.published, gateway, calls, { output });
  const runs = c.session.map((s, i): CallRun => {
    const d = draft[i];
    const p = published[i];
    const invalid = d.session?.recorded.length === 0 ? d.errors[0] : undefined;
    return {
      expected: s.expected,
      draft: d.decision,
      published: p.decision,
      draftPass: d.decision === s.expected,
      publishedPass: p.decision === s.expected,
      draftPolicies: d.determiningPolicies,
      publishedPolicies: p.determiningPolicies,
      ...(invalid ? { invalid } : {}),
      ...(d.decision === "UNDECIDED" ? { draftDependsOn: dependsOnText(d.dependsOn) } : {}),
      ...(p.decision === "UNDECIDED" ? { publishedDependsOn: dependsOnText(p.dependsOn) } : {}),
    };
  });
  const deciding = runs.find((r) => !r.draftPass) ?? runs.find((r) => !r.publishedPass) ?? runs[runs.length - 1];
  return {
    name: c.name,
    ...deciding,
    draftPass: runs.every((r) => r.draftPass),
    publishedPass: runs.every((r) => r.publishedPass),
    ...(perCall ? { calls: runs } : {}),
  };
}

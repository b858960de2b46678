/**
 * AgentCore's decision for a call from the plain Cedar policies (evaluated by lib/cedar/authorize.ts)
 * and the Dogwood ones (satisfied, not satisfied, or depending on something the console cannot
 * compute). The rules are authorize.ts's: default deny, a satisfied ACTIVE forbid wins, only ACTIVE
 * policies decide, LOG_ONLY ones are reported beside with the decision-flip set (each judged alone
 * against the ACTIVE set). A decision the undecided policies could change is reported as depending
 * on them; one they cannot change is decided.
 */
import type { Evaluation } from "@/lib/cedar/authorize";
import type { EnforcementMode } from "@/lib/agentcore/types";

export interface Contribution {
  id: string;
  effect: "permit" | "forbid";
  enforcementMode: EnforcementMode;
  satisfied: boolean | "depends";
  dependsOn: string[];
}

export interface CombinedDecision {
  decision: "ALLOW" | "DENY" | "UNDECIDED";
  /** Decided: the ACTIVE policies that decided (satisfied forbids on a deny, satisfied permits on an allow). */
  determiningPolicies: string[];
  /** Undecided: what the decision depends on, per policy. */
  dependsOn: Array<{ policy: string; on: string[] }>;
  logOnly: {
    matched: string[];
    flips: string[];
    /** LOG_ONLY policies whose match, or whose flip, the console cannot decide. */
    undecided: string[];
  };
}

export function combine(plain: Evaluation, plainEffects: ReadonlyMap<string, "permit" | "forbid">, dogwood: Contribution[]): CombinedDecision {
  const active = dogwood.filter((c) => c.enforcementMode === "ACTIVE");
  const pick = (list: Contribution[], effect: "permit" | "forbid", satisfied: boolean | "depends") => list.filter((c) => c.effect === effect && c.satisfied === satisfied);
  const forbids = [...(plain.decision === "DENY" ? plain.determiningPolicies : []), ...pick(active, "forbid", true).map((c) => c.id)];
  const permits = [...(plain.decision === "ALLOW" ? plain.determiningPolicies : []), ...pick(active, "permit", true).map((c) => c.id)];
  const maybeForbids = pick(active, "forbid", "depends");
  const maybePermits = pick(active, "permit", "depends");
  const depends = (list: Contribution[]) => list.map((c) => ({ policy: c.id, on: c.dependsOn }));

  let decision: CombinedDecision["decision"];
  let determiningPolicies: string[] = [];
  let dependsOn: CombinedDecision["dependsOn"] = [];
  if (forbids.length) {
    decision = "DENY";
    determiningPolicies = forbids;
  } else if (maybeForbids.length) {
    // A forbid that may hold decides only if some permit may hold too; with none the call is denied either way.
    if (permits.length || maybePermits.length) {
      decision = "UNDECIDED";
      dependsOn = depends(permits.length ? maybeForbids : [...maybeForbids, ...maybePermits]);
    } else decision = "DENY";
  } else if (permits.length) {
    decision = "ALLOW";
    determiningPolicies = permits;
  } else if (maybePermits.length) {
    decision = "UNDECIDED";
    dependsOn = depends(maybePermits);
  } else decision = "DENY";

  const logOnlyDogwood = dogwood.filter((c) => c.enforcementMode === "LOG_ONLY");
  const matched = [...plain.logOnly.matched, ...logOnlyDogwood.filter((c) => c.satisfied === true).map((c) => c.id)];
  const undecided = logOnlyDogwood.filter((c) => c.satisfied === "depends").map((c) => c.id);
  const effectOf = (id: string) => plainEffects.get(id) ?? dogwood.find((c) => c.id === id)?.effect;
  let flips: string[] = [];
  if (decision === "ALLOW") flips = matched.filter((id) => effectOf(id) === "forbid");
  else if (decision === "DENY" && !forbids.length) {
    // A LOG_ONLY permit flips a deny only when no ACTIVE forbid holds; a forbid that may hold leaves it open.
    if (maybeForbids.length) undecided.push(...matched.filter((id) => effectOf(id) === "permit"));
    else flips = matched.filter((id) => effectOf(id) === "permit");
  } else if (decision === "UNDECIDED") undecided.push(...matched);
  return { decision, determiningPolicies, dependsOn, logOnly: { matched, flips, undecided: [...new Set(undecided)] } };
}

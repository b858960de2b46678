import type { CompiledPolicy, CompiledPolicySet } from "./authorize";
import type { CedarRequest } from "./request-from-call";
import { viewKey, viewOf, type RequestView } from "./request-view";
import type { Decision } from "./cedar-api";
import { nextPreparsedId } from "./preparsed-ids";

/**
 * Finds whether a call's decision flips between two policy sets (published → draft) with as little
 * Cedar work as possible, for impact analysis over thousands of calls.
 *
 * Whether a policy is satisfied by a request does not depend on the other policies in its set. So
 * per tool action, the ACTIVE policies of both sets are split into those that differ (in only one
 * set) and those they share, each group preparsed with every forbid rewritten as a permit: evaluated
 * alone, such a set answers ALLOW with every satisfied policy as the reason. A call first evaluates
 * the (small) differing group; when none of those is satisfied both sets see the same satisfied
 * policies and cannot disagree, which settles most calls with one cheap evaluation. Otherwise the
 * shared group is evaluated too and each side's decision follows AgentCore's rules: a satisfied
 * ACTIVE forbid denies, else a satisfied ACTIVE permit allows, else default deny. A policy that errors
 * is not satisfied, as in the engine. LOG_ONLY policies never decide and take no part. A group is
 * evaluated once per distinct view of the request (request-view.ts): calls from personas its
 * policies cannot tell apart share the answer, and a group that never reads `context` is evaluated
 * without it.
 */
export interface Comparison {
  /** The decision change for a request built by `buildRequest`, or null when both sets decide alike. */
  flip(request: CedarRequest): Flip | null;
  /** True when the action's policies are identical in both sets, so its calls cannot flip. */
  unchanged(action: string): boolean;
  /** Frees the preparsed sets; the comparison must not be used afterwards. */
  dispose(): void;
}

/**
 * A decision change. `forbids` are the ACTIVE forbids that deny the call on its DENY side; empty when
 * it is denied because no permit applies (default deny), which a reviewer reads very differently.
 */
export interface Flip {
  from: Decision;
  to: Decision;
  forbids: string[];
}

interface Member {
  id: string;
  forbid: boolean;
  inPublished: boolean;
  inDraft: boolean;
}

interface Group {
  setId: string;
  needsActionParents: boolean;
  /** What of a request the members can see: calls that look alike share one evaluation. */
  view: RequestView;
  memo: Map<string, string[] | null>;
  members: Map<string, Member>;
}

interface ActionSets {
  differing: Group | null;
  shared: Group | null;
}

const MEMO_LIMIT = 50_000;

/**
 * A policy as evaluated for calls of one tool action only: a permit (see above), annotations dropped,
 * and an action scope through a group this action belongs to (`action in AgentCore::Action::"CallTool"`)
 * replaced by no constraint, which is equivalent for this action and spares sending the action's
 * parents with every request. Only a group mentioned in a condition still needs them.
 */
function forThisAction(policy: CompiledPolicy, ancestors: ReadonlySet<string>): { json: CompiledPolicy["json"]; needsActionParents: boolean } {
  const json: CompiledPolicy["json"] = { ...policy.json, effect: "permit", annotations: {} };
  const scope = policy.json.action;
  if (scope.op === "in") {
    const uids = ("entities" in scope ? scope.entities : "entity" in scope ? [scope.entity] : []).map((u) => ("__entity" in u ? u.__entity : u));
    if (uids.some((u) => ancestors.has(u.id))) json.action = { op: "All" };
  }
  const text = JSON.stringify(json);
  return { json, needsActionParents: [...ancestors].some((g) => text.includes(JSON.stringify(g))) };
}

export function compareSets(draft: CompiledPolicySet, published: CompiledPolicySet): Comparison {
  const cedar = draft.cedar;
  const prefix = nextPreparsedId("cmp");
  const setIds: string[] = [];
  const groups = new Map<string, Group>();
  const byAction = new Map<string, ActionSets | "same">();

  const group = (action: string, entries: Array<{ policy: CompiledPolicy; inPublished: boolean; inDraft: boolean }>): Group | null => {
    if (entries.length === 0) return null;
    const ancestors = new Set((draft.actionEntities.get(action)?.parents ?? []).map((p) => ("__entity" in p ? p.__entity.id : p.id)));
    const rewritten = entries.map((e) => ({ ...e, ...forThisAction(e.policy, ancestors) }));
    const key = JSON.stringify(rewritten.map((e) => [JSON.stringify(e.json), e.inPublished, e.inDraft]).sort());
    const known = groups.get(key);
    if (known) return known;
    const members = new Map<string, Member>();
    const staticPolicies: Record<string, CompiledPolicy["json"]> = {};
    rewritten.forEach(({ policy, json, inPublished, inDraft }, i) => {
      members.set(`m${i}`, { id: policy.id, forbid: policy.effect === "forbid", inPublished, inDraft });
      staticPolicies[`m${i}`] = json;
    });
    const setId = `${prefix}:${setIds.length}`;
    const answer = cedar.preparsePolicySet(setId, { staticPolicies });
    if (answer.type !== "success") throw new Error(`A comparison set could not be preparsed: ${answer.errors[0]?.message}`);
    setIds.push(setId);
    const made = { setId, members, needsActionParents: rewritten.some((e) => e.needsActionParents), view: viewOf(rewritten.map((e) => e.json)), memo: new Map() };
    groups.set(key, made);
    return made;
  };

  for (const [action, dBucket] of draft.byAction) {
    const pBucket = published.byAction.get(action);
    if (pBucket && pBucket.key === dBucket.key) {
      byAction.set(action, "same");
      continue;
    }
    // Both sides' ACTIVE members, keyed by what they are (id, text) so a shared policy appears once.
    const union = new Map<string, { policy: CompiledPolicy; inPublished: boolean; inDraft: boolean }>();
    const add = (set: CompiledPolicySet, ids: readonly string[], side: "inPublished" | "inDraft") => {
      for (const id of ids) {
        const policy = set.policies.get(id)!;
        if (policy.mode !== "ACTIVE") continue;
        const key = JSON.stringify([policy.id, policy.text]);
        const entry = union.get(key) ?? { policy, inPublished: false, inDraft: false };
        entry[side] = true;
        union.set(key, entry);
      }
    };
    add(draft, dBucket.members, "inDraft");
    if (pBucket) add(published, pBucket.members, "inPublished");
    const entries = [...union.values()];
    byAction.set(action, {
      differing: group(action, entries.filter((e) => e.inPublished !== e.inDraft)),
      shared: group(action, entries.filter((e) => e.inPublished && e.inDraft)),
    });
  }

  /** The group's satisfied members, or null when Cedar could not evaluate the request at all. */
  const satisfied = (g: Group, request: CedarRequest): string[] | null => {
    const key = viewKey(g.view, request);
    const known = g.memo.get(key);
    if (known !== undefined) return known;
    const answer = evaluateGroup(g, request);
    if (g.memo.size >= MEMO_LIMIT) g.memo.clear();
    g.memo.set(key, answer);
    return answer;
  };

  const evaluateGroup = (g: Group, request: CedarRequest): string[] | null => {
    try {
      const answer = cedar.statefulIsAuthorized({
        principal: request.principal,
        action: request.action,
        resource: request.resource,
        // Marshalling the context into wasm costs more than evaluating a small group that ignores it.
        context: g.view.context ? request.context : {},
        entities: g.needsActionParents ? [...request.entities, draft.actionEntities.get(request.action.id)!] : request.entities,
        preparsedPolicySetId: g.setId,
      });
      if (answer.type !== "success") return null;
      return answer.response.decision === "allow" ? answer.response.diagnostics.reason : [];
    } catch {
      return null;
    }
  };

  return {
    unchanged: (action) => byAction.get(action) === "same",
    flip(request) {
      const sets = byAction.get(request.action.id);
      if (!sets || sets === "same" || !sets.differing) return null;
      const diff = satisfied(sets.differing, request);
      if (!diff || diff.length === 0) return null;
      const shared = sets.shared ? satisfied(sets.shared, request) : [];
      if (!shared) return null;
      const pForbids: string[] = [];
      const dForbids: string[] = [];
      let pPermit = false;
      let dPermit = false;
      for (const [g, ids] of [[sets.differing, diff], [sets.shared, shared]] as const) {
        for (const id of ids) {
          const m = g!.members.get(id)!;
          if (m.forbid) {
            if (m.inPublished) pForbids.push(m.id);
            if (m.inDraft) dForbids.push(m.id);
          } else {
            pPermit ||= m.inPublished;
            dPermit ||= m.inDraft;
          }
        }
      }
      const from = pForbids.length === 0 && pPermit ? "ALLOW" : "DENY";
      const to = dForbids.length === 0 && dPermit ? "ALLOW" : "DENY";
      if (from === to) return null;
      return { from, to, forbids: (from === "DENY" ? pForbids : dForbids).sort() };
    },
    dispose() {
      for (const id of setIds) cedar.preparsePolicySet(id, { staticPolicies: {} });
      setIds.length = 0;
    },
  };
}

/**
 * The evaluation engine behind simulation and the local MCP gateway: parse once, evaluate many.
 *
 * Policies are preparsed into cedar-wasm's thread-local cache, one set per distinct group of
 * policies whose scope can match a tool action, so a call only evaluates the policies that can
 * apply to it. Decisions follow AgentCore: default deny, any satisfied forbid wins, and only ACTIVE
 * policies decide; LOG_ONLY policies are evaluated beside them and reported.
 *
 * With LOG_ONLY policies present, a group is split into a permit set and a forbid set. Evaluated
 * alone, a forbid-only set reports every satisfied forbid and a permit-only set every satisfied
 * permit, which is exactly what is needed to decide and to compute the flip set without one
 * evaluation per LOG_ONLY policy:
 *   - a satisfied LOG_ONLY forbid flips an ALLOW (it would win over the permits);
 *   - a satisfied LOG_ONLY permit flips a DENY only when no ACTIVE forbid is satisfied;
 *   - a LOG_ONLY policy that is not satisfied (or errors) never changes anything.
 */
import { ACTION_GROUPS, NS, type CedarApi, type DetailedError, type SchemaJson } from "./cedar-api";
import { actionsInScope } from "./policy-parts";
import type { CedarRequest } from "./request-from-call";

export type EnforcementMode = "ACTIVE" | "LOG_ONLY";

export interface PolicyToCompile {
  id: string;
  text: string;
  enforcementMode: EnforcementMode;
}

type Engine = Pick<CedarApi, "policyToJson" | "preparseSchema" | "preparsePolicySet" | "statefulIsAuthorized">;

interface Bucket {
  /** The members' ids, texts and modes: equal keys mean equal decisions for this action in two sets. */
  key: string;
  /** Set of the ACTIVE policies only (used when the group has no LOG_ONLY policy). */
  combined?: string;
  /** Permit / forbid sets of ACTIVE + LOG_ONLY policies (used when the group has LOG_ONLY ones). */
  permits?: string;
  forbids?: string;
}

export interface CompiledPolicySet {
  readonly cedar: Engine;
  readonly schemaName: string;
  readonly modes: ReadonlyMap<string, EnforcementMode>;
  readonly byAction: ReadonlyMap<string, Bucket>;
  /** Policies that could not be compiled (they take no part in decisions, as AgentCore would reject them). */
  readonly problems: Array<{ id: string; message: string }>;
  readonly setIds: string[];
}

export interface Evaluation {
  decision: "ALLOW" | "DENY";
  /** ACTIVE policies that decided: satisfied forbids on a deny, satisfied permits on an allow. */
  determiningPolicies: string[];
  errors: string[];
  logOnly: {
    /** LOG_ONLY policies whose scope and conditions were satisfied. */
    matched: string[];
    /** LOG_ONLY policies that, each made ACTIVE alone, would change the decision. */
    flips: string[];
  };
}

let generation = 0;

export function compilePolicySet(
  cedar: Engine,
  input: { policies: PolicyToCompile[]; schemaJson: SchemaJson<string> | Record<string, unknown> },
): CompiledPolicySet {
  const prefix = `ps${++generation}`;
  const schemaName = `${prefix}:schema`;
  const schemaAnswer = cedar.preparseSchema(schemaName, input.schemaJson as SchemaJson<string>);
  if (schemaAnswer.type !== "success") throw new Error(`The Cedar schema does not parse: ${firstMessage(schemaAnswer.errors)}`);

  const problems: CompiledPolicySet["problems"] = [];
  const modes = new Map<string, EnforcementMode>();
  const parsed: Array<{ id: string; text: string; effect: "permit" | "forbid"; mode: EnforcementMode; actions: string[] | null }> = [];
  for (const p of input.policies) {
    if (modes.has(p.id)) {
      problems.push({ id: p.id, message: "Another policy has the same id; this one is ignored." });
      continue;
    }
    let answer: ReturnType<CedarApi["policyToJson"]>;
    try {
      answer = cedar.policyToJson(p.text);
    } catch (e) {
      answer = { type: "failure", errors: [{ message: String(e), help: null, code: null, url: null, severity: null }] };
    }
    if (answer.type !== "success") {
      problems.push({ id: p.id, message: firstMessage(answer.errors) });
      continue;
    }
    modes.set(p.id, p.enforcementMode);
    parsed.push({ id: p.id, text: p.text, effect: answer.json.effect, mode: p.enforcementMode, actions: actionsInScope(answer.json) });
  }

  const setIds: string[] = [];
  const setsByKey = new Map<string, string>();
  const preparse = (members: typeof parsed): string | undefined => {
    if (members.length === 0) return undefined;
    const key = members.map((m) => m.id).join("\u0000");
    const existing = setsByKey.get(key);
    if (existing) return existing;
    const id = `${prefix}:${setIds.length}`;
    const answer = cedar.preparsePolicySet(id, { staticPolicies: Object.fromEntries(members.map((m) => [m.id, m.text])) });
    if (answer.type !== "success") throw new Error(`Policies could not be preparsed: ${firstMessage(answer.errors)}`);
    setIds.push(id);
    setsByKey.set(key, id);
    return id;
  };

  const byAction = new Map<string, Bucket>();
  for (const action of toolActions(input.schemaJson)) {
    const members = parsed.filter((p) => p.actions === null || p.actions.includes(action));
    const hasLogOnly = members.some((m) => m.mode === "LOG_ONLY");
    const key = JSON.stringify(members.map((m) => [m.id, m.text, m.mode]));
    byAction.set(
      action,
      hasLogOnly
        ? { key, permits: preparse(members.filter((m) => m.effect === "permit")), forbids: preparse(members.filter((m) => m.effect === "forbid")) }
        : { key, combined: preparse(members) },
    );
  }
  return { cedar, schemaName, modes, byAction, problems, setIds };
}

/** Tool actions declared in the schema (the `CallTool`/`Mcp` groups are not tools). */
export function toolActions(schemaJson: SchemaJson<string> | Record<string, unknown>): string[] {
  const actions = (schemaJson as SchemaJson<string>)[NS]?.actions ?? {};
  return Object.keys(actions).filter((a) => !(ACTION_GROUPS as readonly string[]).includes(a));
}

/**
 * True when two compiled sets decide every call of `action` alike (same policies in its scope), so a
 * comparison can skip evaluating that action's calls.
 */
export function sameForAction(a: CompiledPolicySet, b: CompiledPolicySet, action: string): boolean {
  const x = a.byAction.get(action);
  const y = b.byAction.get(action);
  return x !== undefined && y !== undefined && x.key === y.key;
}

/**
 * `validate: false` skips cedar-wasm's request validation for requests built by `buildRequest`,
 * which already typed the context from the same schema; anything else should keep the default.
 */
export function evaluate(compiled: CompiledPolicySet, request: CedarRequest, options: { validate?: boolean } = {}): Evaluation {
  const validate = options.validate ?? true;
  const bucket = compiled.byAction.get(request.action.id);
  const deny = (errors: string[] = []): Evaluation => ({ decision: "DENY", determiningPolicies: [], errors, logOnly: { matched: [], flips: [] } });
  if (!bucket) return deny([`The tool "${request.action.id}" is not in this gateway's schema.`]);

  if (!("permits" in bucket) && !("forbids" in bucket)) {
    if (!bucket.combined) return deny();
    const r = run(compiled, bucket.combined, request, validate);
    if (!r.ok) return deny(r.errors);
    return {
      decision: r.allow ? "ALLOW" : "DENY",
      determiningPolicies: r.reason,
      errors: r.errors,
      logOnly: { matched: [], flips: [] },
    };
  }

  const errors: string[] = [];
  const satisfied = (setId: string | undefined): string[] | null => {
    if (!setId) return [];
    const r = run(compiled, setId, request, validate);
    errors.push(...r.errors);
    return r.ok ? r.reason : null;
  };
  const forbids = satisfied(bucket.forbids);
  const permits = satisfied(bucket.permits);
  if (forbids === null || permits === null) return deny(errors);

  const active = (ids: string[]) => ids.filter((id) => compiled.modes.get(id) === "ACTIVE");
  const logOnly = (ids: string[]) => ids.filter((id) => compiled.modes.get(id) === "LOG_ONLY");
  const activeForbids = active(forbids);
  const activePermits = active(permits);
  const allow = activeForbids.length === 0 && activePermits.length > 0;
  const flips = allow ? logOnly(forbids) : activeForbids.length === 0 ? logOnly(permits) : [];
  return {
    decision: allow ? "ALLOW" : "DENY",
    determiningPolicies: activeForbids.length ? activeForbids : activePermits,
    errors,
    logOnly: { matched: [...logOnly(permits), ...logOnly(forbids)], flips },
  };
}

/**
 * Frees what a compiled set holds in cedar-wasm's cache. cedar-wasm has no delete, so each id is
 * overwritten with an empty set/schema; the compiled set must not be used afterwards.
 */
export function disposeCompiled(compiled: CompiledPolicySet): void {
  for (const id of compiled.setIds) compiled.cedar.preparsePolicySet(id, { staticPolicies: {} });
  compiled.cedar.preparseSchema(compiled.schemaName, "");
  compiled.setIds.length = 0;
}

type RunResult = { ok: true; allow: boolean; reason: string[]; errors: string[] } | { ok: false; errors: string[] };

function run(compiled: CompiledPolicySet, setId: string, request: CedarRequest, validate: boolean): RunResult {
  let answer: ReturnType<CedarApi["statefulIsAuthorized"]>;
  try {
    answer = compiled.cedar.statefulIsAuthorized({
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      context: request.context,
      entities: request.entities,
      // The schema gives actions their CallTool/Mcp parents and checks the context's types.
      preparsedSchemaName: compiled.schemaName,
      validateRequest: validate,
      preparsedPolicySetId: setId,
    });
  } catch (e) {
    return { ok: false, errors: [`Cedar could not evaluate the request: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (answer.type !== "success") return { ok: false, errors: answer.errors.map((e) => e.message) };
  const errors = answer.response.diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`);
  return { ok: true, allow: answer.response.decision === "allow", reason: answer.response.diagnostics.reason, errors };
}

function firstMessage(errors: DetailedError[]): string {
  return errors[0]?.message ?? "unknown error";
}

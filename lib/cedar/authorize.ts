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
import { ACTION_GROUPS, ACTION_TYPE, NS, type CedarApi, type Decision, type DetailedError, type EntityJson, type PolicyJson, type SchemaJson } from "./cedar-api";
import { actionsInScope } from "./policy-parts";
import type { CedarRequest } from "./request-from-call";
import { nextPreparsedId } from "./preparsed-ids";

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
  /** Ids of the policies whose scope can match this action. */
  members: string[];
  /** Set of the ACTIVE policies only (used when the group has no LOG_ONLY policy). */
  combined?: string;
  /** Permit / forbid sets of ACTIVE + LOG_ONLY policies (used when the group has LOG_ONLY ones). */
  permits?: string;
  forbids?: string;
  /**
   * Some member mentions an action group (`action in AgentCore::Action::"CallTool"`), so a
   * schema-less evaluation must send the action entity with its groups as parents.
   */
  needsActionParents: boolean;
  /** Some member reads `context`; otherwise a schema-less evaluation leaves it out (marshalling it into wasm is costly). */
  needsContext: boolean;
}

export interface CompiledPolicySet {
  readonly cedar: Engine;
  readonly schemaName: string;
  readonly modes: ReadonlyMap<string, EnforcementMode>;
  readonly byAction: ReadonlyMap<string, Bucket>;
  /** Policies that could not be compiled (they take no part in decisions, as AgentCore would reject them). */
  readonly problems: Array<{ id: string; message: string }>;
  readonly setIds: string[];
  /** Each tool action as an entity whose parents are its groups (transitively), from the schema. */
  readonly actionEntities: ReadonlyMap<string, EntityJson>;
  /** The compiled policies by id (for comparisons that build their own sets, e.g. impact analysis). */
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
}

export interface CompiledPolicy {
  id: string;
  text: string;
  json: PolicyJson;
  effect: "permit" | "forbid";
  mode: EnforcementMode;
  /** The policy mentions an action group, so evaluating it needs the action's parents. */
  usesGroups: boolean;
  /** The policy reads `context`. */
  usesContext: boolean;
}

export interface Evaluation {
  decision: Decision;
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

export function compilePolicySet(
  cedar: Engine,
  input: { policies: PolicyToCompile[]; schemaJson: SchemaJson<string> | Record<string, unknown> },
): CompiledPolicySet {
  const prefix = nextPreparsedId("ps");
  const schemaName = `${prefix}:schema`;
  const schemaAnswer = cedar.preparseSchema(schemaName, input.schemaJson as SchemaJson<string>);
  if (schemaAnswer.type !== "success") throw new Error(`The Cedar schema does not parse: ${firstMessage(schemaAnswer.errors)}`);

  const problems: CompiledPolicySet["problems"] = [];
  const modes = new Map<string, EnforcementMode>();
  const groups = actionGroups(input.schemaJson);
  const parsed: Array<CompiledPolicy & { actions: string[] | null }> = [];
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
    const json = JSON.stringify(answer.json);
    parsed.push({
      id: p.id,
      text: p.text,
      json: answer.json,
      effect: answer.json.effect,
      mode: p.enforcementMode,
      actions: actionsInScope(answer.json),
      usesGroups: [...groups.keys()].some((g) => json.includes(JSON.stringify(g))),
      usesContext: json.includes('{"Var":"context"}'),
    });
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
    const needsActionParents = members.some((m) => m.usesGroups);
    const needsContext = members.some((m) => m.usesContext);
    byAction.set(
      action,
      hasLogOnly
        ? { key, members: members.map((m) => m.id), needsActionParents, needsContext, permits: preparse(members.filter((m) => m.effect === "permit")), forbids: preparse(members.filter((m) => m.effect === "forbid")) }
        : { key, members: members.map((m) => m.id), needsActionParents, needsContext, combined: preparse(members) },
    );
  }
  const actionEntities = new Map<string, EntityJson>();
  for (const action of byAction.keys()) {
    actionEntities.set(action, { uid: { type: ACTION_TYPE, id: action }, attrs: {}, parents: ancestors(action, input.schemaJson).map((id) => ({ type: ACTION_TYPE, id })) });
  }
  const policies = new Map(parsed.map(({ actions: _, ...p }) => [p.id, p]));
  return { cedar, schemaName, modes, byAction, problems, setIds, actionEntities, policies };
}

type ActionDecl = { memberOf?: Array<{ id: string; type?: string }> };

function actionDecls(schemaJson: SchemaJson<string> | Record<string, unknown>): Record<string, ActionDecl> {
  return ((schemaJson as SchemaJson<string>)[NS]?.actions ?? {}) as Record<string, ActionDecl>;
}

/** Actions that other actions are members of (`CallTool`, `Mcp`), plus the known groups. */
function actionGroups(schemaJson: SchemaJson<string> | Record<string, unknown>): Set<string> {
  const groups = new Set<string>(ACTION_GROUPS);
  for (const decl of Object.values(actionDecls(schemaJson))) for (const m of decl.memberOf ?? []) groups.add(m.id);
  return groups;
}

/** An action's groups, transitively (a tool → CallTool → Mcp). */
function ancestors(action: string, schemaJson: SchemaJson<string> | Record<string, unknown>): string[] {
  const decls = actionDecls(schemaJson);
  const seen = new Set<string>();
  const visit = (a: string) => {
    for (const m of decls[a]?.memberOf ?? []) {
      if (m.type && m.type !== ACTION_TYPE && m.type !== "Action") continue;
      if (!seen.has(m.id)) {
        seen.add(m.id);
        visit(m.id);
      }
    }
  };
  visit(action);
  return [...seen];
}

/** Tool actions declared in the schema (the `CallTool`/`Mcp` groups are not tools). */
export function toolActions(schemaJson: SchemaJson<string> | Record<string, unknown>): string[] {
  const actions = (schemaJson as SchemaJson<string>)[NS]?.actions ?? {};
  return Object.keys(actions).filter((a) => !(ACTION_GROUPS as readonly string[]).includes(a));
}

/**
 * `validate: false` is for requests built by `buildRequest`, which already typed the context from
 * the same schema (explicit `__entity`/`__extn` values); anything else should keep the default.
 * It skips cedar-wasm's request validation and the schema altogether: the schema's only other part
 * in a decision is the action hierarchy, which is then sent as the action entity (when a policy in
 * scope mentions a group). The context is sent only when a policy in scope reads it. Measured here,
 * schema-less calls are ~1.5× faster, most of the replay speed-up over a plain stateful loop.
 */
export function evaluate(compiled: CompiledPolicySet, request: CedarRequest, options: { validate?: boolean } = {}): Evaluation {
  const validate = options.validate ?? true;
  const bucket = compiled.byAction.get(request.action.id);
  const deny = (errors: string[] = []): Evaluation => ({ decision: "DENY", determiningPolicies: [], errors, logOnly: { matched: [], flips: [] } });
  if (!bucket) return deny([`The tool "${request.action.id}" is not in this gateway's schema.`]);

  if (!("permits" in bucket) && !("forbids" in bucket)) {
    if (!bucket.combined) return deny();
    const r = run(compiled, bucket.combined, request, validate, bucket);
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
    const r = run(compiled, setId, request, validate, bucket);
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

function run(compiled: CompiledPolicySet, setId: string, request: CedarRequest, validate: boolean, bucket: Pick<Bucket, "needsActionParents" | "needsContext">): RunResult {
  let answer: ReturnType<CedarApi["statefulIsAuthorized"]>;
  try {
    answer = compiled.cedar.statefulIsAuthorized(
      validate
        ? {
            principal: request.principal,
            action: request.action,
            resource: request.resource,
            context: request.context,
            entities: request.entities,
            // The schema gives actions their CallTool/Mcp parents and checks the context's types.
            preparsedSchemaName: compiled.schemaName,
            validateRequest: true,
            preparsedPolicySetId: setId,
          }
        : {
            principal: request.principal,
            action: request.action,
            resource: request.resource,
            context: bucket.needsContext ? request.context : {},
            entities: bucket.needsActionParents ? withActionEntity(compiled, request) : request.entities,
            preparsedPolicySetId: setId,
          },
    );
  } catch (e) {
    return { ok: false, errors: [`Cedar could not evaluate the request: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (answer.type !== "success") return { ok: false, errors: answer.errors.map((e) => e.message) };
  const errors = answer.response.diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`);
  return { ok: true, allow: answer.response.decision === "allow", reason: answer.response.diagnostics.reason, errors };
}

function withActionEntity(compiled: CompiledPolicySet, request: CedarRequest): EntityJson[] {
  const action = compiled.actionEntities.get(request.action.id);
  return action ? [...request.entities, action] : request.entities;
}

function firstMessage(errors: DetailedError[]): string {
  return errors[0]?.message ?? "unknown error";
}

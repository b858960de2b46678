import type { CompiledPolicy } from "./authorize";
import type { CedarRequest } from "./request-from-call";

/**
 * What of a request a set of policies can see, so that requests they cannot tell apart share one
 * evaluation. Cedar is deterministic, so two requests with the same view get the same answer.
 * Conservative: anything not recognised below counts as seeing the whole principal, action or context.
 */
export interface RequestView {
  /** The principal tags read through `principal.hasTag("t")` / `principal.getTag("t")`, or null when the policies see more of the principal. */
  tags: string[] | null;
  action: boolean;
  context: boolean;
}

const TAG_READ = /"(?:hasTag|getTag)":\{"left":\{"Var":"principal"\},"right":\{"Value":("(?:[^"\\]|\\.)*")\}\}/g;

export function viewOf(policies: Array<CompiledPolicy["json"]>): RequestView {
  const text = JSON.stringify(policies);
  const principalReads = text.split('{"Var":"principal"}').length - 1;
  const tagReads = [...text.matchAll(TAG_READ)].map((m) => JSON.parse(m[1]) as string);
  const principalScoped = policies.some((p) => p.principal.op !== "All");
  return {
    tags: !principalScoped && principalReads === tagReads.length ? [...new Set(tagReads)].sort() : null,
    action: policies.some((p) => p.action.op !== "All") || text.includes('{"Var":"action"}'),
    context: text.includes('{"Var":"context"}'),
  };
}

/** The part of a request a view sees, as a string key. */
export function viewKey(view: RequestView, request: CedarRequest): string {
  let principal: string;
  if (view.tags) {
    const entity = request.entities.find((e) => sameUid(e.uid, request.principal));
    const tags = (entity?.tags ?? {}) as Record<string, unknown>;
    principal = JSON.stringify(view.tags.map((t) => (t in tags ? tags[t] : null)).concat(request.principal.type));
  } else {
    principal = JSON.stringify([request.principal, request.entities]);
  }
  return `${view.action ? request.action.id : ""}\u0000${request.resource.id}\u0000${principal}\u0000${view.context ? JSON.stringify(request.context) : ""}`;
}

function sameUid(uid: unknown, ref: { type: string; id: string }): boolean {
  const u = (uid && typeof uid === "object" && "__entity" in uid ? (uid as { __entity: unknown }).__entity : uid) as { type?: string; id?: string } | undefined;
  return u?.type === ref.type && u?.id === ref.id;
}

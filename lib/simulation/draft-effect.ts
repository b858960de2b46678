/**
 * What applying a draft does to the editor's policies, before the user clicks: the tools × personas
 * matrix before and after each way of applying it, and whether inserting it would leave access
 * wider than the draft asks for.
 *
 * A draft that restricts ("only the refund-agent role may process refunds") is no restriction when
 * inserted beside a permit that already allows the call to anyone: permits add up, so the old permit
 * still decides. Such a call is one the draft's own policies deny, on a tool one of its permits names,
 * while the inserted set allows it; the policies that allow it are the ones to replace.
 */
import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { CedarApi } from "@/lib/cedar/cedar-api";
import { joinPolicies, splitPolicies } from "@/lib/cedar/policy-parts";
import { decisionMatrix, type MatrixCell } from "./matrix";
import type { Persona, SimGateway } from "./types";

export type ApplyMode = "insert" | "replace-restricted" | "replace";

export interface WiderCell {
  tool: string;
  persona: string;
  /** The editor's policies that still allow the call once the draft is inserted. */
  policies: string[];
}

export interface DraftEffect {
  /** Calls the draft denies but inserting it would still allow: empty when inserting is safe. */
  wider: WiderCell[];
  /** The editor's policies behind `wider`: what "replace-restricted" removes. */
  restricted: string[];
  /** The mode to offer first: replacing the restricted policies when there are any. */
  suggested: ApplyMode;
  /** The editor's text after each mode ("replace-restricted" only when `restricted` is not empty). */
  texts: Partial<Record<ApplyMode, string>>;
  /** Each mode's matrix: `published` is the editor's text now, `draft` the text after applying. */
  matrices: Partial<Record<ApplyMode, MatrixCell[]>>;
}

type MatrixPersona = Pick<Persona, "name" | "sub" | "claims"> & { type?: Persona["type"] };

/** The editor's text with the draft appended after its policies, as "Insert" does. */
export function insertedText(current: string, draft: string): string {
  return `${current.trimEnd()}${current.trim() ? "\n\n" : ""}${draft.trim()}\n`;
}

/** The editor's text without the given policies (by id), the draft appended; comments and spacing of the rest kept. */
export function replacedText(cedar: Pick<CedarApi, "policyToJson">, current: string, draft: string, remove: readonly string[]): string {
  const { parts, trailing } = splitPolicies(cedar, current);
  const kept = parts.filter((p) => !remove.includes(p.id));
  // The first kept policy may have been preceded by a removed one: its leading blank lines go.
  const rest = kept.length ? joinPolicies(kept.map((p, i) => (i === 0 ? { ...p, leading: p.leading.replace(/^\s+/, "") } : p)), trailing) : "";
  return insertedText(rest, draft);
}

export function draftEffect(
  cedar: Pick<CedarApi, "policyToJson">,
  compile: (text: string) => CompiledPolicySet,
  gateway: SimGateway,
  personas: MatrixPersona[],
  current: string,
  draft: string,
  args?: Record<string, Record<string, unknown>>,
): DraftEffect {
  const before = compile(current);
  const matrix = (text: string) => decisionMatrix(gateway, personas, compile(text), before, args);
  const draftParts = splitPolicies(cedar, draft).parts;
  const draftIds = new Set(draftParts.map((p) => p.id));
  // A permit says who may call its tools, so for those tools the draft's silence means "no one
  // else"; a forbid-only draft says nothing about who else may call.
  const granted = draftParts.filter((p) => p.effect === "permit").map((p) => p.actions);
  const about = (tool: string) => granted.some((actions) => actions === null || actions.includes(tool));

  const texts: DraftEffect["texts"] = { insert: insertedText(current, draft), replace: insertedText("", draft) };
  const matrices: DraftEffect["matrices"] = { insert: matrix(texts.insert!), replace: matrix(texts.replace!) };
  const alone = new Map(matrices.replace!.map((c) => [`${c.tool}\u0000${c.persona}`, c]));
  const wider: WiderCell[] = [];
  for (const cell of matrices.insert!) {
    const own = alone.get(`${cell.tool}\u0000${cell.persona}`);
    if (cell.draft !== "ALLOW" || own?.draft !== "DENY" || own.invalid || !about(cell.tool)) continue;
    wider.push({ tool: cell.tool, persona: cell.persona, policies: cell.draftPolicies.filter((id) => !draftIds.has(id)) });
  }
  const restricted = [...new Set(wider.flatMap((w) => w.policies))];
  if (restricted.length) {
    texts["replace-restricted"] = replacedText(cedar, current, draft, restricted);
    matrices["replace-restricted"] = matrix(texts["replace-restricted"]);
  }
  return { wider, restricted, suggested: restricted.length ? "replace-restricted" : "insert", texts, matrices };
}

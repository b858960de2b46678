"use client";

import { bareToolName } from "@/lib/agentcore/names";
import { cn } from "@/lib/cn";
import type { MatrixCell } from "@/lib/simulation/matrix";
import type { SimDecision } from "@/lib/simulation/types";

/** Why a cell is what it is: a permit allowed it, a forbid denied it, nothing permitted it, or it could not be evaluated. */
export function cellReason(decision: SimDecision, policies: string[], invalid?: string): string {
  if (invalid) return "not evaluated";
  if (decision === "ALLOW") return "permit";
  if (decision === "UNDECIDED") return "a Dogwood policy decides";
  return policies.length ? "forbid" : "default deny";
}

const tone = (d: SimDecision) =>
  d === "ALLOW" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : d === "DENY" ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200";

/**
 * Tools × personas: each cell the decision after a change (`draft`) over the one before
 * (`published`), a forbid's denial told apart from default deny, changed cells ringed, and each
 * tool's arguments shown under its name.
 */
export function DecisionMatrix({
  cells,
  personas,
  label,
  before,
  after,
  selected,
  onSelect,
}: {
  cells: MatrixCell[];
  personas: string[];
  label: string;
  /** What the two sides are called in accessible names: "published"/"draft", "now"/"after". */
  before: string;
  after: string;
  selected?: MatrixCell | null;
  onSelect?(cell: MatrixCell): void;
}) {
  const tools = [...new Set(cells.map((c) => c.tool))];
  return (
    <div className="overflow-auto">
      <table className="text-xs" aria-label={label}>
        <thead>
          <tr>
            <th className="p-1 text-left">Tool and arguments</th>
            {personas.map((p) => (
              <th key={p} className="p-1">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tools.map((t) => {
            const row = cells.filter((c) => c.tool === t);
            return (
              <tr key={t}>
                <th className="max-w-[10rem] p-1 text-left align-top font-normal">
                  <span className="block font-mono" title={t}>
                    {bareToolName(t)}
                  </span>
                  <code className="block text-[10px] break-all text-muted" data-testid="matrix-args">
                    {JSON.stringify(argumentsOf(row[0]))}
                  </code>
                </th>
                {personas.map((p) => {
                  const cell = row.find((c) => c.persona === p);
                  if (!cell) return <td key={p} />;
                  const now = cellReason(cell.draft, cell.draftPolicies, cell.invalid);
                  const was = cellReason(cell.published, cell.publishedPolicies, cell.invalid);
                  const name = `${t} as ${p}: ${after} ${cell.draft} (${now}), ${before} ${cell.published} (${was})${cell.changed ? ", changed" : ""}`;
                  const body = (
                    <>
                      <span>
                        {cell.draft} <span className="font-normal opacity-80">· {now}</span>
                      </span>
                      <span className="text-[10px] font-normal opacity-70">{cell.changed ? `was ${cell.published}` : "same"}</span>
                    </>
                  );
                  const look = cn("flex w-full flex-col rounded px-1.5 py-0.5 text-left font-medium whitespace-nowrap", tone(cell.draft), cell.changed && "ring-2 ring-amber-500");
                  return (
                    <td key={p} className="p-0.5 align-top" data-persona={p}>
                      {onSelect ? (
                        <button type="button" aria-label={name} aria-pressed={selected === cell} onClick={() => onSelect(cell)} className={look}>
                          {body}
                        </button>
                      ) : (
                        <div className={look}>{body}</div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function argumentsOf(cell: MatrixCell | undefined): unknown {
  const request = cell?.call.request as { params?: { arguments?: unknown } } | undefined;
  return request?.params?.arguments ?? {};
}

"use client";

import { Fragment, useState } from "react";
import { TimeAgo } from "@/components/gateways/time-ago";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DecisionEntry, RecordedResponse } from "@/lib/store/decisions";
import { AddToSuiteDialog, type SuiteChoice } from "./add-to-suite-dialog";

export type AddState = { kind: "idle" } | { kind: "added"; suite: string; testCaseId: number; name: string };

/** One recorded call; the toggle shows the full arguments and the policy evidence. */
export function DecisionRow({
  entry,
  add,
  onAdd,
  loadSuites,
  onSession,
}: {
  entry: DecisionEntry;
  add: AddState;
  onAdd(choice: SuiteChoice): Promise<void>;
  loadSuites(): Promise<string[]>;
  onSession: (sessionId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const args = JSON.stringify(entry.arguments);
  const detailsId = `decision-${entry.id}-details`;
  return (
    <Fragment>
      <tr aria-label={`Call ${entry.id}`} className="border-b border-zinc-100 align-top dark:border-zinc-800">
        <td className="py-2 pr-3 whitespace-nowrap text-zinc-600 dark:text-zinc-400">
          <TimeAgo iso={entry.at} />
        </td>
        <td className="py-2 pr-3">
          <div className="font-medium">{entry.persona ?? "—"}</div>
          <div className="font-mono text-xs text-muted" title="principal">
            OAuthUser::&quot;{entry.principal.sub}&quot;
          </div>
        </td>
        <td className="py-2 pr-3 font-mono text-xs">
          {entry.tool}
          {entry.sessionId !== null ? (
            <button type="button" className="block text-left text-indigo-700 underline dark:text-indigo-300" title="Show this policy session's calls" onClick={() => onSession(entry.sessionId!)}>
              session {entry.sessionId}
              {entry.sessionCall !== null ? ` · call ${entry.sessionCall + 1}` : ""}
            </button>
          ) : null}
        </td>
        <td className="max-w-[16rem] truncate py-2 pr-3 font-mono text-xs" title={args}>
          {args}
        </td>
        <td className="py-2 pr-3">
          <Badge tone={entry.decision === "ALLOW" ? "green" : "red"}>{entry.decision}</Badge>
          {entry.decision === "DENY" && !entry.blocked ? (
            <div className="mt-1 text-xs text-amber-700 dark:text-amber-300">would deny (ran)</div>
          ) : null}
          {entry.temporal.map((t) => (
            <div key={`${t.policy}:${t.condition}`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="temporal-evidence">
              {t.policy}: made true by {t.madeTrueBy.map((w) => `call ${w.call + 1} (${w.tool} ${w.kind})`).join(", ") || "this call"}
            </div>
          ))}
        </td>
        <td className="py-2 pr-3 font-mono text-xs">{entry.determiningPolicies.length ? entry.determiningPolicies.join(", ") : <span className="text-zinc-400">none</span>}</td>
        <td className="py-2 pr-3 text-xs">
          {entry.logOnlyMatched.length ? <div className="font-mono">{entry.logOnlyMatched.join(", ")}</div> : <span className="text-zinc-400">—</span>}
          {entry.flips.length ? <div className="text-violet-700 dark:text-violet-300">flips: {entry.flips.join(", ")}</div> : null}
        </td>
        <td className="py-2 pr-3">
          <Badge tone={entry.mode === "ENFORCE" ? "red" : entry.mode === "LOG_ONLY" ? "amber" : "neutral"}>{entry.mode}</Badge>
        </td>
        <td className="py-2 pr-3 text-xs">{entry.blocked ? <Badge tone="red">blocked</Badge> : <span>ran</span>}</td>
        <td className="py-2 text-right whitespace-nowrap">
          <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide" : "Details"}
          </Button>
          <AddToSuiteDialog entry={entry} disabled={add.kind === "added"} loadSuites={loadSuites} onAdd={onAdd}>
            {add.kind === "added" ? "Added" : "Add to test suite"}
          </AddToSuiteDialog>
          {add.kind === "added" ? (
            <div role="status" className="mt-1 text-xs whitespace-normal text-emerald-700 dark:text-emerald-300">
              Saved to suite “{add.suite}” (case #{add.testCaseId}, “{add.name}”)
            </div>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} className="border-b border-zinc-100 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950">
          <td colSpan={10} className="p-3">
            <dl className="grid gap-x-4 gap-y-1 text-xs md:grid-cols-[10rem_1fr]">
              <dt className="text-muted">Client</dt>
              <dd className="font-mono">{entry.clientId ?? "—"}</dd>
              <dt className="text-muted">Principal tags</dt>
              <dd className="font-mono break-all">{JSON.stringify(entry.principal.claims)}</dd>
              <dt className="text-muted">Arguments</dt>
              <dd>
                <pre className="overflow-auto font-mono whitespace-pre-wrap break-all">{JSON.stringify(entry.arguments, null, 2)}</pre>
              </dd>
              <dt className="text-muted">Determining policies</dt>
              <dd className="font-mono">{entry.determiningPolicies.join(", ") || "none (default deny or no engine)"}</dd>
              <dt className="text-muted">LOG_ONLY policies matched</dt>
              <dd className="font-mono">{entry.logOnlyMatched.join(", ") || "none"}</dd>
              <dt className="text-muted">Decision flips</dt>
              <dd className="font-mono">{entry.flips.join(", ") || "none"}</dd>
              <dt className="text-muted">Policy session</dt>
              <dd className="font-mono">{entry.sessionId === null ? "none (no session id sent)" : `${entry.sessionId}${entry.sessionCall !== null ? `, call ${entry.sessionCall + 1}` : ""}`}</dd>
              {entry.temporal.length ? (
                <>
                  <dt className="text-muted">Temporal conditions that held</dt>
                  <dd>
                    <ul>
                      {entry.temporal.map((t) => (
                        <li key={`${t.policy}:${t.condition}`}>
                          <span className="font-mono">{t.policy}</span>: <code className="break-all">{t.condition}</code> — made true by{" "}
                          {t.madeTrueBy.map((w) => `call ${w.call + 1} of the session (${w.tool} ${w.kind})`).join(", ") || "this call"}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {entry.errors.length ? (
                <>
                  <dt className="text-muted">Notes</dt>
                  <dd>
                    <ul className="list-disc pl-4">
                      {entry.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              <dt className="text-muted">Gateway&apos;s answer</dt>
              <dd>
                <GatewayAnswer response={entry.response ?? null} />
              </dd>
            </dl>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** The JSON-RPC answer the caller received, pretty-printed; the beginning only when it was too large to keep. */
function GatewayAnswer({ response }: { response: RecordedResponse | null }) {
  if (!response) return <span className="text-muted">not kept (recorded before the console kept answers)</span>;
  if ("truncated" in response) {
    return (
      <>
        <span className="text-muted">The first {response.head.length} of {response.length} characters:</span>
        <pre className="max-h-60 overflow-auto font-mono whitespace-pre-wrap break-all">{response.head}</pre>
      </>
    );
  }
  return (
    <pre className="max-h-60 overflow-auto font-mono whitespace-pre-wrap break-all" data-testid="gateway-answer">
      {JSON.stringify(response, null, 2)}
    </pre>
  );
}

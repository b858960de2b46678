"use client";

import Link from "next/link";
import { useState } from "react";
import { DecisionBadge } from "@/components/simulation/decision-badge";
import { Button } from "@/components/ui/button";
import { bareToolName } from "@/lib/agentcore/names";
import { toSimulateCall, type ExampleCall, type ReplayedExample } from "@/lib/analysis/types";
import { addTestCase } from "@/lib/api-client/simulation";
import { defaultCaseName } from "@/lib/simulation/case-name";
import type { SimCall } from "@/lib/simulation/types";

/** Where "Replay" takes an example: a link to the workspace (another page), or the workspace's own Simulate panel. */
export type ReplayTarget = { href(call: SimCall): string } | { open(call: SimCall): void };

/** The suite examples are saved to when the user does not say otherwise. */
export const ANALYSIS_SUITE = "analysis";

/** Who calls, as a reviewer reads it: the sub, then the claims that become tags (none: any claims would do). */
export function callerText(principal: ExampleCall["principal"]): string {
  const claims = Object.entries(principal.claims ?? {});
  const kind = principal.type === "IamEntity" ? "IAM caller" : "caller";
  return `${kind} ${principal.sub}${claims.length ? ` with ${claims.map(([k, v]) => `${k}=${v}`).join(", ")}` : ", no claims"}`;
}

/** The caller as a case name says it: the sub, then the claims that become tags. */
function caller(principal: ExampleCall["principal"]): string {
  const claims = Object.entries(principal.claims ?? {});
  return claims.length ? `${principal.sub} (${claims.map(([k, v]) => `${k}=${v}`).join(", ")})` : principal.sub;
}

/** One example call the solver found and cedar-wasm replayed: who, with what arguments, and both decisions. */
export function ExampleCallRow({ gatewayId, tool, example, replay, onSaved }: { gatewayId: string; tool: string; example: ReplayedExample; replay: ReplayTarget; onSaved?: () => void }) {
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const call = toSimulateCall(tool, example);
  const label = `${bareToolName(tool)} ${JSON.stringify(example.arguments)}, ${callerText(example.principal)}`;

  async function save() {
    setBusy(true);
    try {
      const { testCase } = await addTestCase(gatewayId, {
        name: defaultCaseName({ tool, arguments: example.arguments, who: caller(example.principal) }),
        principal: call.principal,
        request: call.request,
        expected: example.draft.decision,
        suite: ANALYSIS_SUITE,
        ifNameTaken: "number",
      });
      setSaved({ ok: true, text: `Saved to suite "${testCase.suite}", expecting ${example.draft.decision}.` });
      onSaved?.();
    } catch (e) {
      setSaved({ ok: false, text: `Not saved: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li aria-label={label} className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{callerText(example.principal)}</p>
      <pre data-testid="example-arguments" className="overflow-auto rounded bg-zinc-50 px-1 py-0.5 font-mono text-xs dark:bg-zinc-950">
        {JSON.stringify(example.arguments)}
      </pre>
      <p className="flex flex-wrap items-center gap-1 text-xs">
        published <DecisionBadge decision={example.published.decision} /> <Why policies={example.published.determiningPolicies} decision={example.published.decision} /> → draft{" "}
        <DecisionBadge decision={example.draft.decision} /> <Why policies={example.draft.determiningPolicies} decision={example.draft.decision} />
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {"href" in replay ? (
          <Link href={replay.href(call)} aria-label={`Replay ${label} in Simulate`} className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-300 ring-inset hover:bg-indigo-50 dark:text-indigo-300 dark:ring-indigo-800 dark:hover:bg-indigo-950">
            Replay
          </Link>
        ) : (
          <Button size="sm" aria-label={`Replay ${label} in Simulate`} onClick={() => replay.open(call)}>
            Replay
          </Button>
        )}
        <Button size="sm" variant="ghost" disabled={busy || saved?.ok} aria-label={`Save ${label} as a test case`} onClick={() => void save()}>
          {busy ? "Saving…" : "Save as test case"}
        </Button>
        {saved ? (
          <span role="status" className={saved.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-700 dark:text-red-400"}>
            {saved.text}
          </span>
        ) : null}
      </div>
    </li>
  );
}

function Why({ policies, decision }: { policies: string[]; decision: "ALLOW" | "DENY" }) {
  if (policies.length) return <span className="font-mono">({policies.join(", ")})</span>;
  return <span className="text-muted">{decision === "DENY" ? "(no permit applies: default deny)" : ""}</span>;
}

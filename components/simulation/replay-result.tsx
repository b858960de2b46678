"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { CopyButton } from "@/components/gateway-connect/copy-button";
import { addTestCase } from "@/lib/api-client/simulation";
import type { SimDecision, SimResult } from "@/lib/simulation/types";
import { DecisionBadge } from "./decision-badge";
import { ExpectSelect, SaveCaseForm } from "./case-fields";
import { SessionEvidence } from "./session-evidence";
import { useSim } from "./sim-context";
import type { Decision } from "@/lib/cedar/cedar-api";
import { callOf, defaultCaseName } from "@/lib/simulation/case-name";


/** One replayed call: the decision and why, the Cedar request, and the gateway's exact answer in each mode. */
export function ReplayResult({
  result,
  problems,
  body,
  personaName,
  onReveal,
}: {
  result: SimResult;
  problems: Array<{ id: string; message: string }>;
  body: string;
  personaName: string;
  onReveal(id: string): void;
}) {
  return (
    <section aria-label="Simulation result" className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <div className="flex flex-wrap items-center gap-2">
        <DecisionBadge decision={result.decision} testId="sim-decision" />
        {result.determiningPolicies.length ? (
          <span className="text-xs">
            determined by{" "}
            {result.determiningPolicies.map((p) => (
              <button key={p} type="button" title="Show this policy in the editor" onClick={() => onReveal(p)} className="mr-1 font-mono text-indigo-700 underline dark:text-indigo-300">
                {p}
              </button>
            ))}
          </span>
        ) : (
          <span className="text-xs text-muted">{result.decision === "DENY" && !result.errors.length ? "no ACTIVE policy permits this call (default deny)" : ""}</span>
        )}
      </div>
      <SessionEvidence result={result} />
      {result.errors.length ? (
        <ul className="list-disc pl-4 text-xs text-red-700 dark:text-red-400" aria-label="Evaluation errors">
          {result.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {problems.length ? (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          Not evaluated (they do not compile): {problems.map((p) => `${p.id} — ${p.message}`).join("; ")}
        </p>
      ) : null}
      <p className="text-xs text-violet-700 dark:text-violet-300" data-testid="sim-log-only">
        {result.logOnly.matched.length
          ? `LOG_ONLY policies matched: ${result.logOnly.matched.join(", ")} · ${
              result.logOnly.flips.length ? `would flip the decision if ACTIVE: ${result.logOnly.flips.join(", ")}` : "none would flip the decision"
            }`
          : "No LOG_ONLY policy matched."}
      </p>
      {result.listed !== undefined ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="sim-listed">
          {result.listed
            ? "tools/list in ENFORCE shows this tool to this principal (some call of it could be permitted)."
            : "tools/list in ENFORCE hides this tool from this principal: no call of it could be permitted."}
        </p>
      ) : null}
      {result.response.ENFORCE ? (
        <Pre label="Gateway response with the engine in ENFORCE" testId="response-enforce" value={result.response.ENFORCE} />
      ) : (
        <p className="text-xs text-amber-800 dark:text-amber-300">Gateway response with the engine in ENFORCE: not known while the decision is undecided.</p>
      )}
      <Pre
        label={
          result.decision === "DENY" && result.cedarRequest
            ? "Gateway response with the engine in LOG_ONLY (the call goes through; “would be denied” is logged)"
            : "Gateway response with the engine in LOG_ONLY"
        }
        testId="response-log-only"
        value={result.response.LOG_ONLY}
      />
      {result.cedarRequest ? <Pre label="Cedar request (principal with tags, action, resource, context)" testId="cedar-request" value={result.cedarRequest} /> : null}
      <SaveCase body={body} personaName={personaName} decision={result.decision} tool={result.tool} />
    </section>
  );
}

function SaveCase({ body, personaName, decision, tool }: { body: string; personaName: string; decision: SimDecision; tool?: string }) {
  const ws = useWorkspace();
  const sim = useSim();
  const [expected, setExpected] = useState<Decision>(decision === "UNDECIDED" ? "ALLOW" : decision);
  const [suite, setSuite] = useState("default");
  // The default follows the call shown; a name the user typed stays theirs (and is refused if taken).
  const [typed, setTyped] = useState<string | null>(null);
  const called = callOf(body);
  const defaultName = defaultCaseName({ tool: tool ?? called.tool ?? "call", arguments: called.arguments, who: personaName });
  const name = typed ?? defaultName;
  const [status, setStatus] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const persona = sim.personas.find((p) => p.name === personaName);
    if (!persona) return setStatus(`The persona ${personaName} no longer exists.`);
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body);
    } catch {
      return setStatus("The body is not JSON; fix it before saving.");
    }
    if (!request || typeof request !== "object" || Array.isArray(request)) return setStatus("The body is not a JSON-RPC object; fix it before saving.");
    try {
      const { testCase } = await addTestCase(ws.gatewayId, { suite, name, principal: { type: persona.type, sub: persona.sub, claims: persona.claims }, request, expected, ifNameTaken: typed === null ? "number" : "refuse" });
      setStatus(`Saved “${testCase.name}” to suite “${suite}”, expecting ${expected}.`);
      sim.casesChanged();
    } catch (err) {
      setStatus((err as Error).message);
    }
  }

  return (
    <SaveCaseForm title="Save as test case" name={name} suite={suite} status={status} onName={setTyped} onSuite={setSuite} onSubmit={save}>
      <ExpectSelect label="Expect" value={expected} onChange={setExpected} />
    </SaveCaseForm>
  );
}

function Pre({ label, value, testId }: { label: string; value: unknown; testId: string }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <details open className="text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{label}</summary>
      <div className="relative mt-1">
        <pre data-testid={testId} className="max-h-48 overflow-auto rounded bg-zinc-50 p-2 pr-14 break-all whitespace-pre-wrap dark:bg-zinc-950">
          {text}
        </pre>
        <div className="absolute top-1 right-1">
          <CopyButton text={text} label={`Copy ${label}`} />
        </div>
      </div>
    </details>
  );
}

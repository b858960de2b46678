"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { bareToolName } from "@/lib/agentcore/names";
import { addTestCase } from "@/lib/api-client/simulation";
import type { Decision } from "@/lib/cedar/cedar-api";
import { GUARDRAIL_CATEGORIES, GUARDRAIL_TYPES, type GuardrailType } from "@/lib/dogwood/guardrails";
import type { GuardrailScore } from "@/lib/dogwood/policy-eval";
import { toolNameOf } from "@/lib/mcp/tool-call";
import { Session } from "@/lib/simulation/schemas";
import type { Persona, SimResult } from "@/lib/simulation/types";
import { DecisionBadge } from "./decision-badge";
import { ExpectSelect, SaveCaseForm } from "./case-fields";
import { SessionEvidence } from "./session-evidence";
import { useSim } from "./sim-context";

const input = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

interface Step {
  key: number;
  body: string;
  /** Seconds since the session started, as typed; empty: no time passes since the previous call. */
  at: string;
  outcome: "completed" | "failed";
  /** The tool's output fields as JSON text; empty: the demo tool's own output, or not known. */
  output: string;
  guardrails: GuardrailScore[];
}

type Run = { results: SimResult[]; problems: Array<{ id: string; message: string }>; persona: string; steps: Step[] };

/**
 * An ordered session of one persona's calls: each is decided against what the earlier calls of the
 * session recorded, as AgentCore's policy engine does for temporal policies.
 */
export function SessionBuilder({ body, bodyOk, persona }: { body: string; bodyOk: boolean; persona: Persona | undefined }) {
  const sim = useSim();
  const [steps, setSteps] = useState<Step[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [next, setNext] = useState(1);

  const change = (key: number, patch: Partial<Step>) => setSteps((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  async function runSession() {
    if (!persona) return;
    setError(null);
    const calls: unknown[] = [];
    for (const [i, s] of steps.entries()) {
      let output: unknown;
      if (s.output.trim()) {
        try {
          output = JSON.parse(s.output);
        } catch {
          return setError(`Call ${i + 1}: the output is not JSON; write the tool's result fields as an object, or leave it empty.`);
        }
      }
      calls.push({ request: s.body, ...(s.at.trim() ? { at: Number(s.at) } : {}), ...(s.outcome === "failed" ? { outcome: "failed" } : {}), ...(output !== undefined ? { output } : {}), ...(s.guardrails.length ? { guardrails: s.guardrails } : {}) });
    }
    const principal = { type: persona.type, sub: persona.sub, claims: persona.claims };
    const checked = Session.safeParse({ principal, calls });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const n = issue.path[0] === "calls" && typeof issue.path[1] === "number" ? `Call ${issue.path[1] + 1}: ` : "";
      return setError(`${n}${issue.message}`);
    }
    setRunning(true);
    try {
      const out = await sim.run<{ results: SimResult[]; problems: Run["problems"] }>("sim.session", { session: checked.data });
      setRun({ ...out, persona: persona.name, steps });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  return (
    <section aria-label="Session" className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <h3 className="text-xs font-semibold">Session</h3>
      <p className="text-xs text-muted">
        Calls in order, as one agent session of {persona?.name ?? "the persona"}: each is decided on what the earlier calls recorded (a permitted, completed call leaves a response; a denied or failed one an error).
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={!bodyOk}
          onClick={() => {
            setSteps((all) => [...all, { key: next, body, at: "", outcome: "completed", output: "", guardrails: [] }]);
            setNext((n) => n + 1);
          }}
        >
          Add this call to the session
        </Button>
        <Button size="sm" variant="primary" disabled={!steps.length || running || !persona} onClick={() => void runSession()}>
          {running ? "Running…" : "Run session against the editor"}
        </Button>
        {steps.length ? (
          <Button size="sm" variant="ghost" onClick={() => (setSteps([]), setRun(null))}>
            Clear session
          </Button>
        ) : null}
      </div>
      {steps.length ? (
        <ol aria-label="Session calls" className="space-y-1">
          {steps.map((s, i) => (
            <StepEditor key={s.key} n={i + 1} step={s} onChange={(patch) => change(s.key, patch)} onRemove={() => setSteps((all) => all.filter((x) => x.key !== s.key))} />
          ))}
        </ol>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {run ? <SessionResults run={run} /> : null}
    </section>
  );
}

function StepEditor({ n, step, onChange, onRemove }: { n: number; step: Step; onChange(patch: Partial<Step>): void; onRemove(): void }) {
  const [type, setType] = useState<GuardrailType>("ContentFilter");
  const [category, setCategory] = useState<string>(GUARDRAIL_CATEGORIES.ContentFilter[0]);
  const [score, setScore] = useState("0.9");
  const tool = toolNameOf(step.body) ?? "?";
  return (
    <li className="rounded bg-zinc-50 p-1.5 text-xs dark:bg-zinc-950">
      <div className="flex flex-wrap items-end gap-2">
        <span className="font-mono" title={step.body}>
          {n}. {bareToolName(tool)}
        </span>
        <label>
          at (s){" "}
          <input aria-label={`Call ${n} time (seconds)`} className={`${input} w-20`} inputMode="decimal" placeholder="same" value={step.at} onChange={(e) => onChange({ at: e.target.value })} />
        </label>
        <label>
          tool run{" "}
          <select aria-label={`Call ${n} outcome`} className={input} value={step.outcome} onChange={(e) => onChange({ outcome: e.target.value as Step["outcome"] })}>
            <option value="completed">completes</option>
            <option value="failed">fails</option>
          </select>
        </label>
        <button type="button" aria-label={`Remove call ${n}`} className="ml-auto text-zinc-400 hover:text-red-600" onClick={onRemove}>
          ✕
        </button>
      </div>
      <details className="mt-1">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Output and guardrail scores</summary>
        <label className="mt-1 block">
          Output fields (JSON; empty: the demo tool&apos;s own output, or not known)
          <textarea aria-label={`Call ${n} output (JSON)`} className={`${input} block h-12 w-full font-mono`} value={step.output} onChange={(e) => onChange({ output: e.target.value })} spellCheck={false} />
        </label>
        <div className="mt-1 flex flex-wrap items-end gap-1">
          <select aria-label={`Call ${n} guardrail type`} className={input} value={type} onChange={(e) => (setType(e.target.value as GuardrailType), setCategory(GUARDRAIL_CATEGORIES[e.target.value as GuardrailType][0]))}>
            {GUARDRAIL_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <select aria-label={`Call ${n} guardrail category`} className={input} value={category} onChange={(e) => setCategory(e.target.value)}>
            {GUARDRAIL_CATEGORIES[type].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <input aria-label={`Call ${n} guardrail score`} className={`${input} w-16`} inputMode="decimal" value={score} onChange={(e) => setScore(e.target.value)} />
          <Button size="sm" onClick={() => onChange({ guardrails: [...step.guardrails.filter((g) => !(g.type === type && g.category === category)), { type, category, score: Number(score) }] })}>
            Set score
          </Button>
        </div>
        <p className="mt-1 text-muted">
          {step.guardrails.length ? step.guardrails.map((g) => `${g.type} ${g.category} = ${g.score}`).join(", ") : "Every guardrail: no detection (the default)."}
        </p>
      </details>
    </li>
  );
}

function SessionResults({ run }: { run: Run }) {
  const ws = useWorkspace();
  const sim = useSim();
  const [expected, setExpected] = useState<Decision[]>(() => run.results.map((r) => (r.decision === "UNDECIDED" ? "ALLOW" : r.decision)));
  const [name, setName] = useState(`session as ${run.persona}`);
  const [suite, setSuite] = useState("default");
  const [status, setStatus] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const persona = sim.personas.find((p) => p.name === run.persona);
    if (!persona) return setStatus(`The persona ${run.persona} no longer exists.`);
    const session = run.steps.map((s, i) => ({ request: s.body, expected: expected[i], ...(s.at.trim() ? { at: Number(s.at) } : {}), ...(s.outcome === "failed" ? { outcome: "failed" as const } : {}), ...(s.output.trim() ? { output: JSON.parse(s.output) } : {}), ...(s.guardrails.length ? { guardrails: s.guardrails } : {}) }));
    try {
      await addTestCase(ws.gatewayId, { suite, name, principal: { type: persona.type, sub: persona.sub, claims: persona.claims }, session });
      setStatus(`Saved “${name}” (${session.length} calls) to suite “${suite}”.`);
      sim.casesChanged();
    } catch (err) {
      setStatus((err as Error).message);
    }
  }

  return (
    <div className="space-y-2">
      {run.problems.length ? <p className="text-xs text-amber-700 dark:text-amber-300">Not evaluated (they do not compile): {run.problems.map((p) => `${p.id} — ${p.message}`).join("; ")}</p> : null}
      <ol aria-label="Session results" className="space-y-1">
        {run.results.map((r, i) => (
          <li key={i} className="rounded border border-zinc-100 p-1.5 text-xs dark:border-zinc-800" aria-label={`Call ${i + 1} result`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono">
                {i + 1}. {bareToolName(r.tool ?? "?")}
              </span>
              <DecisionBadge decision={r.decision} testId={`session-decision-${i + 1}`} />
              {r.determiningPolicies.length ? (
                <span>
                  determined by{" "}
                  {r.determiningPolicies.map((p) => (
                    <button key={p} type="button" onClick={() => ws.revealPolicy(p)} className="mr-1 font-mono text-indigo-700 underline dark:text-indigo-300">
                      {p}
                    </button>
                  ))}
                </span>
              ) : null}
            </div>
            <SessionEvidence result={r} />
            {r.errors.length ? <p className="text-red-700 dark:text-red-400">{r.errors.join("; ")}</p> : null}
          </li>
        ))}
      </ol>
      <SaveCaseForm title="Save session as test case" name={name} suite={suite} status={status} onName={setName} onSuite={setSuite} onSubmit={save}>
        {expected.map((d, i) => (
          <ExpectSelect key={i} label={`Expect call ${i + 1}`} value={d} onChange={(v) => setExpected((all) => all.map((x, j) => (j === i ? v : x)))} />
        ))}
      </SaveCaseForm>
    </div>
  );
}

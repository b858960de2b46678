"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client";
import { toolsCall } from "@/lib/simulation/compare";
import { exampleArguments } from "@/lib/simulation/example-args";
import type { SimResult } from "@/lib/simulation/types";
import { DecisionBadge } from "./decision-badge";
import { PersonaEditor } from "./persona-editor";
import { useSim } from "./sim-context";

const field = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Replay one tools/call against the editor's current text, as the gateway would answer it. */
export function SimulatePanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [tool, setTool] = useState(sim.gateway.tools[0]?.name ?? "");
  const [personaName, setPersonaName] = useState(sim.personas[0]?.name ?? "");
  const persona = sim.personas.find((p) => p.name === personaName) ?? sim.personas[0];
  const [body, setBody] = useState(() => prefill(sim.gateway.tools, tool));
  const [result, setResult] = useState<{ r: SimResult; problems: Array<{ id: string; message: string }> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  async function run() {
    if (!persona) return;
    setRunning(true);
    setError(null);
    setSaved(null);
    try {
      const out = await sim.run<{ result: SimResult; problems: Array<{ id: string; message: string }> }>("sim.replay", {
        call: { principal: { type: persona.type, sub: persona.sub, claims: persona.claims }, request: body },
      });
      setResult({ r: out.result, problems: out.problems });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  async function saveCase(expected: "ALLOW" | "DENY") {
    if (!persona) return;
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      setSaved("The body is not JSON; fix it before saving.");
      return;
    }
    const name = `${tool.split("___").pop()} as ${persona.name} → ${expected}`;
    try {
      await apiFetch(`/api/gateways/${ws.gatewayId}/suites`, { method: "POST", body: { name, principal: { type: persona.type, sub: persona.sub, claims: persona.claims }, request, expected } });
      setSaved(`Saved “${name}” to the default suite.`);
      sim.casesChanged();
    } catch (e) {
      setSaved((e as Error).message);
    }
  }

  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs text-zinc-600 dark:text-zinc-400">
          Tool
          <select
            className={field}
            value={tool}
            onChange={(e) => {
              setTool(e.target.value);
              setBody(prefill(sim.gateway.tools, e.target.value));
            }}
          >
            {sim.gateway.tools.map((t) => (
              <option key={t.name}>{t.name}</option>
            ))}
          </select>
        </label>
        <label className="text-xs text-zinc-600 dark:text-zinc-400">
          Persona
          <select className={field} value={personaName} onChange={(e) => setPersonaName(e.target.value)}>
            {sim.personas.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {persona ? (
        <p className="text-xs text-zinc-500">
          principal {persona.type === "IamEntity" ? "AgentCore::IamEntity" : "AgentCore::OAuthUser"}::&quot;{persona.sub}&quot; · tags{" "}
          {Object.entries(persona.claims)
            .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(" ") : String(v)}`)
            .join(", ") || "none"}
        </p>
      ) : null}
      <PersonaEditor />
      <label className="block text-xs text-zinc-600 dark:text-zinc-400">
        JSON-RPC request (edit it, or paste a body from a log)
        <textarea aria-label="JSON-RPC request" className={`${field} h-36 font-mono text-xs`} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} />
      </label>
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => void run()} disabled={running || !persona}>
          {running ? "Running…" : "Run against the editor"}
        </Button>
        <Button onClick={() => setBody(prefill(sim.gateway.tools, tool))}>Reset example</Button>
      </div>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {result ? <ResultView result={result.r} problems={result.problems} onReveal={ws.revealPolicy} onSave={saveCase} saved={saved} /> : null}
    </div>
  );
}

function ResultView({
  result,
  problems,
  onReveal,
  onSave,
  saved,
}: {
  result: SimResult;
  problems: Array<{ id: string; message: string }>;
  onReveal(id: string): void;
  onSave(expected: "ALLOW" | "DENY"): void;
  saved: string | null;
}) {
  return (
    <section aria-label="Simulation result" className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <div className="flex flex-wrap items-center gap-2">
        <DecisionBadge decision={result.decision} testId="sim-decision" />
        {result.determiningPolicies.length ? (
          <span className="text-xs">
            determined by{" "}
            {result.determiningPolicies.map((p) => (
              <button key={p} type="button" onClick={() => onReveal(p)} className="mr-1 font-mono text-indigo-700 underline dark:text-indigo-300">
                {p}
              </button>
            ))}
          </span>
        ) : (
          <span className="text-xs text-zinc-500">{result.decision === "DENY" ? "no policy permits this call (default deny)" : ""}</span>
        )}
      </div>
      {result.errors.length ? (
        <ul className="text-xs text-red-700 dark:text-red-400" aria-label="Evaluation errors">
          {result.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {problems.length ? <p className="text-xs text-amber-700 dark:text-amber-300">Ignored (do not compile): {problems.map((p) => p.id).join(", ")}</p> : null}
      {result.logOnly.matched.length ? (
        <p className="text-xs text-violet-700 dark:text-violet-300">
          LOG_ONLY policies matched: {result.logOnly.matched.join(", ")}
          {result.logOnly.flips.length ? ` · would flip the decision if ACTIVE: ${result.logOnly.flips.join(", ")}` : " · none would flip the decision"}
        </p>
      ) : null}
      <Pre label="Gateway response in ENFORCE" testId="response-enforce" value={result.response.ENFORCE} />
      <Pre
        label={result.decision === "DENY" ? "Gateway response in LOG_ONLY (the call goes through; “would be denied” is logged)" : "Gateway response in LOG_ONLY"}
        testId="response-log-only"
        value={result.response.LOG_ONLY}
      />
      {result.cedarRequest ? <Pre label="Cedar request" testId="cedar-request" value={result.cedarRequest} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => onSave(result.decision)}>
          Save as test case (expect {result.decision})
        </Button>
        {saved ? <span role="status" className="text-xs">{saved}</span> : null}
      </div>
    </section>
  );
}

function Pre({ label, value, testId }: { label: string; value: unknown; testId: string }) {
  return (
    <details open className="text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{label}</summary>
      <pre data-testid={testId} className="mt-1 max-h-48 overflow-auto rounded bg-zinc-50 p-2 whitespace-pre-wrap break-all dark:bg-zinc-950">
        {JSON.stringify(value)}
      </pre>
    </details>
  );
}

function prefill(tools: Array<{ name: string; inputSchema: Record<string, unknown> }>, name: string): string {
  const tool = tools.find((t) => t.name === name);
  return JSON.stringify(toolsCall(name, exampleArguments(tool?.inputSchema)), null, 2);
}


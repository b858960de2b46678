"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { argumentForm, formBodyText, readFormBody } from "@/lib/mcp/argument-form";
import { exampleArguments } from "@/lib/mcp/example-args";
import { principalMismatch, principalTags } from "@/lib/mcp/principal";
import type { PrincipalKind } from "@/lib/cedar/cedar-api";
import { toolNameOf } from "@/lib/mcp/tool-call";
import { readCall } from "@/lib/simulation/replay";
import type { Persona, SimCall, SimResult } from "@/lib/simulation/types";
import { ArgumentFields } from "./argument-fields";
import { PersonaEditor } from "./persona-editor";
import { ReplayResult } from "./replay-result";
import { SessionBuilder } from "./session-builder";
import { useSim } from "./sim-context";

const field = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Replay one tools/call against the editor's current text (unsaved edits included), as the gateway would answer it. */
export function SimulatePanel() {
  const { pending } = useSim();
  // A call opened from Impact, the analysis or a link starts the panel afresh with its principal and body.
  return <SimulateForm key={pending?.seq ?? 0} opened={pending} />;
}

function SimulateForm({ opened }: { opened: SimCall | null }) {
  const ws = useWorkspace();
  const sim = useSim();
  const [tool, setTool] = useState(() => (opened && toolNameOf(opened.request)) || (sim.gateway.tools[0]?.name ?? ""));
  const caller = opened ? openedCaller(opened, sim.personas, sim.gateway.principalType) : null;
  const personas = caller?.name === OPENED ? [...sim.personas, caller] : sim.personas;
  const [personaName, setPersonaName] = useState(caller?.name ?? sim.personas[0]?.name ?? "");
  const persona = personas.find((p) => p.name === personaName) ?? personas[0];
  const [body, setBody] = useState(() => (opened ? bodyText(opened.request) : prefill(sim.gateway.tools, tool)));
  const [result, setResult] = useState<{ r: SimResult; problems: Array<{ id: string; message: string }>; body: string; persona: string; ran: string; seq: number } | null>(null);
  const [raw, setRaw] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  // The same checks the gateway makes before any policy runs, live as the body is edited.
  const check = useMemo(() => readCall(sim.gateway, body), [body, sim.gateway]);
  const mismatch = persona ? principalMismatch(persona, sim.gateway.principalType) : null;
  const forms = useMemo(() => new Map(sim.gateway.tools.map((t) => [t.name, argumentForm(t.inputSchema)])), [sim.gateway.tools]);
  const formBody = useMemo(() => readFormBody(body, (name) => forms.get(name)), [body, forms]);
  const showForm = !raw && formBody.ok;
  // What a result was run with, so a later change to any of it marks the result stale; reformatting the body is no change.
  const call = useMemo(() => canonical(body), [body]);
  const now = JSON.stringify([call, persona ?? null, ws.text]);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [result]);

  async function run() {
    if (!persona) return;
    setRunning(true);
    setError(null);
    try {
      const out = await sim.run<{ result: SimResult; problems: Array<{ id: string; message: string }> }>("sim.replay", {
        call: { principal: { type: persona.type, sub: persona.sub, claims: persona.claims }, request: body },
      });
      setResult((prev) => ({ r: out.result, problems: out.problems, body, persona: persona.name, ran: now, seq: (prev?.seq ?? 0) + 1 }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  const tags = persona ? principalTags(persona) : [];
  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs text-zinc-600 dark:text-zinc-400">
          Tool
          <select
            aria-label="Tool"
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
          <select aria-label="Persona" className={field} value={persona?.name ?? ""} onChange={(e) => setPersonaName(e.target.value)}>
            {personas.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name === OPENED ? `caller of the opened call (${p.sub})` : p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {persona ? (
        <p className="text-xs text-muted" data-testid="sim-principal">
          principal AgentCore::{persona.type}::&quot;{persona.sub}&quot; · tags {tags.map(([k, v]) => `${k}=${v}`).join(", ") || "none"}
        </p>
      ) : (
        <p className="text-xs text-amber-700 dark:text-amber-300">No personas yet: add one below to run calls.</p>
      )}
      {mismatch ? <p className="text-xs text-amber-700 dark:text-amber-300">{mismatch}</p> : null}
      <PersonaEditor />
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{showForm ? "Arguments from the tool's input schema" : "JSON-RPC request (edit it, or paste a body from a log)"}</span>
        <Button size="sm" aria-pressed={!showForm} onClick={() => setRaw(!raw)} disabled={!formBody.ok}>
          Raw JSON
        </Button>
      </div>
      {formBody.ok && showForm ? (
        <ArgumentFields form={forms.get(formBody.tool)!} args={formBody.args} onChange={(args) => setBody(formBodyText(formBody.tool, args, formBody.id))} />
      ) : (
        <>
          <textarea
            aria-label="JSON-RPC request"
            aria-describedby="sim-call-check"
            className={cn(field, "h-36 font-mono text-xs", !check.ok && "border-amber-500 dark:border-amber-500")}
            value={body}
            onChange={(e) => {
              // Typing stays in raw JSON even once the form could show the body.
              setRaw(true);
              setBody(e.target.value);
            }}
            spellCheck={false}
          />
          {!formBody.ok ? (
            <p className="text-xs text-muted" data-testid="raw-only">
              Raw JSON only: the form cannot show this body ({formBody.reason}).
            </p>
          ) : null}
        </>
      )}
      <p id="sim-call-check" data-testid="call-check" aria-live="polite" className={cn("text-xs", check.ok ? "text-emerald-700 dark:text-emerald-400" : "text-amber-700 dark:text-amber-300")}>
        {check.ok ? `✓ A tools/call of ${check.tool}; the arguments match its input schema.` : `${check.error.error.message} (the gateway answers JSON-RPC error ${check.error.error.code})`}
      </p>
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
      {result ? (
        <div ref={resultRef} className="space-y-1">
          {result.ran !== now ? (
            <p role="status" className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800 dark:bg-amber-950 dark:text-amber-300">
              Stale: the persona, arguments or policies changed since this run — run again.
            </p>
          ) : null}
          <ReplayResult key={result.seq} result={result.r} problems={result.problems} body={result.body} personaName={result.persona} onReveal={ws.revealPolicy} />
        </div>
      ) : null}
      <SessionBuilder body={body} bodyOk={check.ok} persona={persona} />
    </div>
  );
}

function prefill(tools: Array<{ name: string; inputSchema: Record<string, unknown> }>, name: string): string {
  const tool = tools.find((t) => t.name === name);
  return formBodyText(name, exampleArguments(tool?.inputSchema));
}

/** The persona select's entry for an opened call's principal when no saved persona is that principal. */
const OPENED = "opened-call";

function openedCaller(call: SimCall, personas: Persona[], type: PrincipalKind = "OAuthUser"): Persona {
  const p = { type: call.principal.type ?? type, sub: call.principal.sub, claims: call.principal.claims ?? {} };
  const same = personas.find((x) => x.type === p.type && x.sub === p.sub && JSON.stringify(sorted(x.claims)) === JSON.stringify(sorted(p.claims)));
  return same ?? { name: OPENED, ...p };
}

const sorted = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).sort(([a], [b]) => a.localeCompare(b)));

function canonical(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}

const bodyText = (request: unknown) => (typeof request === "string" ? request : JSON.stringify(request, null, 2));

"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client";
import { useSim } from "./sim-context";

const field = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

/** Add or change a persona: its claims become the principal's tags, as the gateway maps JWT claims. */
export function PersonaEditor() {
  const ws = useWorkspace();
  const sim = useSim();
  const [name, setName] = useState("");
  const [sub, setSub] = useState("");
  const [claims, setClaims] = useState('{\n  "role": "refund-agent"\n}');
  const [message, setMessage] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(claims);
    } catch {
      setMessage("Claims must be a JSON object, e.g. {\"role\": \"admin\"}.");
      return;
    }
    try {
      await apiFetch(`/api/gateways/${ws.gatewayId}/personas`, { method: "PUT", body: { name, sub: sub || name, claims: parsed } });
      await sim.reloadPersonas();
      setMessage(`Saved persona ${name}.`);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  return (
    <details className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Personas ({sim.personas.length}) — add or edit</summary>
      <ul className="my-2 space-y-0.5">
        {sim.personas.map((p) => (
          <li key={p.name} className="font-mono">
            <button type="button" className="underline" onClick={() => (setName(p.name), setSub(p.sub), setClaims(JSON.stringify(p.claims, null, 2)))}>
              {p.name}
            </button>{" "}
            sub={p.sub} {JSON.stringify(p.claims)}
          </li>
        ))}
      </ul>
      <form onSubmit={save} className="space-y-1">
        <input aria-label="Persona name" placeholder="name" className={field} value={name} onChange={(e) => setName(e.target.value)} required />
        <input aria-label="Persona sub" placeholder="sub (JWT subject; defaults to the name)" className={field} value={sub} onChange={(e) => setSub(e.target.value)} />
        <textarea aria-label="Persona claims (JSON)" className={`${field} h-16 font-mono`} value={claims} onChange={(e) => setClaims(e.target.value)} />
        <Button type="submit" size="sm">
          Save persona
        </Button>
        {message ? <span role="status" className="ml-2">{message}</span> : null}
      </form>
    </details>
  );
}

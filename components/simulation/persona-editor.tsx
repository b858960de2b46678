"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deletePersona, savePersona } from "@/lib/api-client/simulation";
import { principalTags } from "@/lib/mcp/principal";
import { useSim } from "./sim-context";
import type { PrincipalKind } from "@/lib/cedar/cedar-api";

const field = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

/**
 * The gateway's personas: named principals whose claims become the principal's tags exactly as the
 * gateway maps a JWT's claims. The local gateway issues one OAuth client per persona.
 */
export function PersonaEditor() {
  const ws = useWorkspace();
  const sim = useSim();
  const [name, setName] = useState("");
  const [sub, setSub] = useState("");
  const [type, setType] = useState<PrincipalKind>(sim.gateway.principalType ?? "OAuthUser");
  const [claims, setClaims] = useState('{\n  "role": "refund-agent"\n}');
  const [message, setMessage] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(claims);
    } catch {
      return setMessage('Claims must be a JSON object, e.g. {"role": "admin"}.');
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return setMessage('Claims must be a JSON object, e.g. {"role": "admin"}.');
    try {
      await savePersona(ws.gatewayId, name, { type, sub: sub || name, claims: parsed as Record<string, unknown> });
      await sim.reloadPersonas();
      setMessage(`Saved persona ${name}.`);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function remove(persona: string) {
    try {
      await deletePersona(ws.gatewayId, persona);
      await sim.reloadPersonas();
      setMessage(`Deleted persona ${persona}.`);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  return (
    <details className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Personas ({sim.personas.length}) — add, edit or delete</summary>
      <ul className="my-2 space-y-0.5" aria-label="Personas">
        {sim.personas.map((p) => (
          <li key={p.name} className="flex items-baseline gap-2 font-mono">
            <button
              type="button"
              className="underline"
              title="Edit"
              onClick={() => {
                setName(p.name);
                setSub(p.sub);
                setType(p.type);
                setClaims(JSON.stringify(p.claims, null, 2));
              }}
            >
              {p.name}
            </button>
            <span className="min-w-0 flex-1 truncate text-muted">
              sub={p.sub} · tags {principalTags(p).map(([k, v]) => `${k}=${v}`).join(", ") || "none"}
            </span>
            <ConfirmButton
              size="sm"
              variant="ghost"
              aria-label={`Delete persona ${p.name}`}
              title={`Delete persona ${p.name}?`}
              description="Its saved test cases keep their own copy of the principal."
              confirmLabel="Delete persona"
              onConfirm={() => remove(p.name)}
            >
              ✕
            </ConfirmButton>
          </li>
        ))}
      </ul>
      <form onSubmit={save} className="space-y-1">
        <input aria-label="Persona name" placeholder="name" className={field} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        <input
          aria-label="Persona sub"
          placeholder={type === "IamEntity" ? "the caller's IAM ARN" : "sub (JWT subject; defaults to the name)"}
          className={field}
          value={sub}
          onChange={(e) => setSub(e.target.value)}
        />
        <select aria-label="Principal type" className={field} value={type} onChange={(e) => setType(e.target.value as PrincipalKind)}>
          <option value="OAuthUser">OAuthUser (JWT; claims become tags)</option>
          <option value="IamEntity">IamEntity (AWS IAM; no tags)</option>
        </select>
        <textarea aria-label="Persona claims (JSON)" className={`${field} h-16 font-mono`} value={claims} onChange={(e) => setClaims(e.target.value)} />
        <Button type="submit" size="sm">
          Save persona
        </Button>
        {message ? (
          <span role="status" className="ml-2">
            {message}
          </span>
        ) : null}
      </form>
    </details>
  );
}

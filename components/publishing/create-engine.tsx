"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RESOURCE_NAME, RESOURCE_NAME_RULE } from "@/lib/agentcore/names";
import type { EngineMode } from "@/lib/agentcore/types";
import { useCan, useViewer } from "@/components/team/viewer-context";
import { createEngine } from "@/lib/api-client/publishing";
import { FormError } from "@/components/ui/form-error";

/** For a gateway without a policy engine: create one and attach it, LOG_ONLY by default (AWS's advice). */
export function CreateEngineForm({ gatewayId, gatewayName }: { gatewayId: string; gatewayName: string }) {
  const router = useRouter();
  const [name, setName] = useState(`${gatewayName.replace(/[^A-Za-z0-9_]/g, "")}PolicyEngine`.slice(0, 48));
  const [mode, setMode] = useState<EngineMode>("LOG_ONLY");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = RESOURCE_NAME.test(name);
  const can = useCan("publisher", "creating a policy engine");
  // With approvals, ENFORCE is reached only through a reviewed switch.
  const modes = useViewer().requireApproval ? (["LOG_ONLY"] as const) : (["LOG_ONLY", "ENFORCE"] as const);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createEngine(gatewayId, { name, mode });
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Create policy engine" className="space-y-2 text-sm">
      <label className="block">
        <span className="text-zinc-600 dark:text-zinc-400">Policy engine name</span>
        <input
          className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!valid}
        />
      </label>
      {!valid ? <p className="text-xs text-red-700">A name must {RESOURCE_NAME_RULE}.</p> : null}
      <fieldset className="flex gap-4">
        <legend className="sr-only">Mode on the gateway</legend>
        {modes.map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
            {m}
            {m === "LOG_ONLY" ? <span className="text-xs text-muted">(recommended first)</span> : null}
          </label>
        ))}
      </fieldset>
      {can.reason ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{can.reason}</p> : null}
      <Button type="submit" variant="primary" disabled={!valid || busy || !can.allowed} title={can.reason}>
        {busy ? "Creating…" : "Create policy engine and attach"}
      </Button>
      <FormError message={error} />
    </form>
  );
}

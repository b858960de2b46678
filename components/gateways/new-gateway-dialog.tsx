"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { GATEWAY_NAME } from "@/lib/agentcore/names";
import { createGateway } from "@/lib/api-client/gateway-admin";

/** "New gateway": a name (AgentCore's rules) and an optional description; opens the new gateway. */
export function NewGatewayDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = GATEWAY_NAME.test(name) && name.length <= 100;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const g = await createGateway({ name, ...(description ? { description } : {}) });
      setOpen(false);
      router.push(`/gateways/${encodeURIComponent(g.gatewayId)}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="primary">New gateway</Button>
      </DialogTrigger>
      <DialogContent title="New gateway" description="A local gateway, with AgentCore's ids and ARN. Add targets and a policy engine once it exists.">
        <form id="new-gateway" onSubmit={(e) => void submit(e)} className="space-y-3">
          <label className="block">
            <span className="text-zinc-600 dark:text-zinc-400">Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={name !== "" && !valid} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950" />
          </label>
          {name !== "" && !valid ? <p className="text-xs text-red-700 dark:text-red-300">Letters, digits and single hyphens, starting with a letter or digit, at most 100.</p> : null}
          <label className="block">
            <span className="text-zinc-600 dark:text-zinc-400">Description (optional)</span>
            <input value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
          </label>
          {error ? (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </form>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" form="new-gateway" variant="primary" disabled={!valid || busy}>
            {busy ? "Creating…" : "Create gateway"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

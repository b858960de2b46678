"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { deleteTarget, syncTarget } from "@/lib/api-client/gateway-admin";
import type { SyncAnswer } from "@/lib/gateway-admin/sync";

/** A local target's actions: re-sync (MCP servers: the changes and broken policies first, then "Accept sync") and delete. */
export function TargetActions({ gatewayId, targetId, name, canSync }: { gatewayId: string; targetId: string; name: string; canSync: boolean }) {
  return (
    <div className="flex gap-2">
      {canSync ? <SyncDialog gatewayId={gatewayId} targetId={targetId} name={name} /> : null}
      <DeleteTargetDialog gatewayId={gatewayId} targetId={targetId} name={name} />
    </div>
  );
}

function SyncDialog({ gatewayId, targetId, name }: { gatewayId: string; targetId: string; name: string }) {
  const can = useCan("admin", "re-syncing a target");
  const router = useRouter();
  const [preview, setPreview] = useState<SyncAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(apply: boolean) {
    setBusy(true);
    setError(null);
    try {
      const answer = await syncTarget(gatewayId, targetId, apply);
      setPreview(answer);
      if (apply) router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const changes = preview?.changes;
  const none = changes && !changes.added.length && !changes.removed.length && !changes.changed.length;
  return (
    <Dialog onOpenChange={(open) => (open ? void run(false) : setPreview(null))}>
      <DialogTrigger asChild>
        <Button size="sm" disabled={!can.allowed} title={can.reason}>Re-sync</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{`Re-sync ${name}`}</DialogTitle>
          <DialogDescription>What the MCP server lists now, against the tools this target holds. Nothing changes until you accept.</DialogDescription>
        </DialogHeader>
        <DialogBody>
          {busy && !preview ? <p role="status">Asking the server for its tools…</p> : null}
          <FormError message={error} />
          {changes ? (
            <div className="space-y-2" aria-label="Sync changes">
              {none ? <p role="status">The server lists the same tools: nothing to change.</p> : null}
              {changes.added.length ? <p>Added: {changes.added.map((t) => <code key={t} className="mr-1">{t}</code>)}</p> : null}
              {changes.removed.length ? <p>Removed: {changes.removed.map((t) => <code key={t} className="mr-1">{t}</code>)}</p> : null}
              {changes.changed.map((c) => (
                <div key={c.name}>
                  Changed <code>{c.name}</code>
                  <ul className="list-disc pl-5 text-xs">
                    {c.fields.length ? c.fields.map((f) => <li key={f.path}>{`${f.path}: ${f.change}${f.from ? ` (${f.from}` : ""}${f.to ? ` → ${f.to})` : f.from ? ")" : ""}`}</li>) : <li>descriptions or constraints only</li>}
                  </ul>
                </div>
              ))}
              {preview.affectedPolicies.length ? (
                <div role="alert" className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                  <p className="font-medium">Policies this sync breaks:</p>
                  <ul className="list-disc pl-5 text-xs">
                    {preview.affectedPolicies.map((p) => (
                      <li key={`${p.in}-${p.policyId}`}>
                        {p.in} <code>{p.policyId}</code> (line {p.startLine}): {p.messages.join(" ")}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {preview.applied ? <p role="status">Sync accepted: the target now holds the server&apos;s tools.</p> : null}
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>{preview?.applied ? "Close" : "Cancel"}</Button>
            </DialogClose>
            {preview && !preview.applied && !none ? (
              <Button variant="primary" disabled={busy} onClick={() => void run(true)}>
                Accept sync
              </Button>
            ) : null}
          </div>
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

function DeleteTargetDialog({ gatewayId, targetId, name }: { gatewayId: string; targetId: string; name: string }) {
  const can = useCan("admin", "deleting a target");
  const router = useRouter();
  const { open, setOpen, busy, error, run } = useDialogAction();

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" disabled={!can.allowed} title={can.reason}>
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{`Delete target ${name}?`}</DialogTitle>
          <DialogDescription>Its tools leave the gateway and its schema; policies naming them stop validating.</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button variant="danger" disabled={busy} onClick={() => void run(() => deleteTarget(gatewayId, targetId), () => router.refresh())}>
              {busy ? "Deleting…" : `Delete ${name}`}
            </Button>
          </div>
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

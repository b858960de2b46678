"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-client/request";
import { importGateway } from "@/lib/api-client/gateway-admin";
import { DocumentInput } from "./document-input";

/** "Import": a gateway file becomes a new gateway; a name already in use asks for another, never replaces. */
export function ImportGatewayDialog() {
  const can = useCan("admin", "importing a gateway");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [warnings, setWarnings] = useState<{ gatewayId: string; lines: string[] } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let file: unknown;
      try {
        file = JSON.parse(text);
      } catch (err) {
        throw new Error(`The file is not JSON: ${(err as Error).message}`);
      }
      const { gateway, warnings: lines } = await importGateway(file, name || undefined);
      if (lines.length) setWarnings({ gatewayId: gateway.gatewayId, lines });
      else {
        setOpen(false);
        router.push(`/gateways/${encodeURIComponent(gateway.gatewayId)}`);
      }
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button disabled={!can.allowed} title={can.reason}>Import</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Import a gateway</DialogTitle>
          <DialogDescription>{"A file exported from a gateway's page: its targets, tools, engine mode, published policies, personas and suites become a new gateway."}</DialogDescription>
        </DialogHeader>
        <DialogBody>
          {warnings ? (
            <div role="status" className="space-y-2">
              <p className="font-medium">Imported, with notes:</p>
              <ul className="list-disc pl-5 text-xs">
                {warnings.lines.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <Button variant="primary" onClick={() => router.push(`/gateways/${encodeURIComponent(warnings.gatewayId)}`)}>
                Open the gateway
              </Button>
            </div>
          ) : (
            <form id="import-gateway" onSubmit={(e) => void submit(e)} className="space-y-3">
              <DocumentInput label="Gateway file (JSON)" value={text} onChange={setText} accept=".json,application/json" />
              <label className="block">
                <span className="text-zinc-600 dark:text-zinc-400">Import under another name (optional)</span>
                <input value={name} onChange={(e) => setName(e.target.value)} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950" />
              </label>
              {error ? (
                <p role="alert" className="text-red-700 dark:text-red-300">
                  {error.message} {error instanceof ApiError && error.help ? error.help : null}
                </p>
              ) : null}
            </form>
          )}
          {warnings ? null : (
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button>Cancel</Button>
              </DialogClose>
              <Button type="submit" form="import-gateway" variant="primary" disabled={!text.trim() || busy}>
                {busy ? "Importing…" : "Import gateway"}
              </Button>
            </div>
          )}
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

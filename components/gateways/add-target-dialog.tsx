"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { addTarget } from "@/lib/api-client/gateway-admin";
import { ApiError } from "@/lib/api-client/request";
import type { AddedTarget } from "@/lib/gateway-admin/targets";
import { DocumentInput } from "./document-input";
import { ProblemList } from "./problem-list";

type Kind = "inline" | "mcp" | "openapi";
const KINDS: Array<{ kind: Kind; label: string }> = [
  { kind: "inline", label: "Inline tools" },
  { kind: "mcp", label: "MCP server" },
  { kind: "openapi", label: "OpenAPI" },
];

const INLINE_EXAMPLE = `[
  {
    "name": "process_refund",
    "description": "Process a customer refund",
    "inputSchema": { "type": "object", "properties": { "amount": { "type": "integer" } }, "required": ["amount"] }
  }
]`;

/** "Add target": the three kinds AgentCore has. Nothing is created until the server accepted every tool. */
export function AddTargetDialog({ gatewayId }: { gatewayId: string }) {
  const can = useCan("admin", "adding a target");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>("inline");
  const [name, setName] = useState("");
  const [tools, setTools] = useState("");
  const [spec, setSpec] = useState("");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState<Array<{ name: string; value: string }>>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<AddedTarget | null>(null);

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setError(null);
      setAdded(null);
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body =
        kind === "inline"
          ? { name, type: kind, tools }
          : kind === "openapi"
            ? { name, type: kind, spec }
            : { name, type: kind, url, ...(headers.length ? { headers: Object.fromEntries(headers.filter((h) => h.name).map((h) => [h.name, h.value])) } : {}) };
      const target = await addTarget(gatewayId, body);
      setHeaders([]);
      router.refresh();
      if (target.warnings.length) setAdded(target);
      else reset(false);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError((err as Error).message, "network", 0));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button variant="primary" size="sm" disabled={!can.allowed} title={can.reason}>
          Add target
        </Button>
      </DialogTrigger>
      <DialogContent size="lg">
        <DialogHeader>
          <DialogTitle>Add target</DialogTitle>
          <DialogDescription>{"Tools become <Target>___<tool>, as on AgentCore."}</DialogDescription>
        </DialogHeader>
        <DialogBody>
          {added ? (
            <>
              <p role="status">
                Target {added.name} was added with {added.tools.length} tools.
              </p>
              <ProblemList warnings={added.warnings} />
              <div className="flex justify-end">
                <Button variant="primary" onClick={() => reset(false)}>
                  Done
                </Button>
              </div>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="New target">
              <fieldset className="flex flex-wrap gap-4">
                <legend className="mb-1 text-zinc-600 dark:text-zinc-400">Kind</legend>
                {KINDS.map((k) => (
                  <label key={k.kind} className="flex items-center gap-1">
                    <input type="radio" name="kind" checked={kind === k.kind} onChange={() => setKind(k.kind)} />
                    {k.label}
                  </label>
                ))}
              </fieldset>
              <label className="block">
                <span className="text-zinc-600 dark:text-zinc-400">Target name</span>
                <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Helpdesk" className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950" />
              </label>
              {kind === "inline" ? (
                <DocumentInput label="Tool definitions (JSON array)" value={tools} onChange={setTools} accept=".json,application/json" placeholder={INLINE_EXAMPLE} />
              ) : null}
              {kind === "openapi" ? <DocumentInput label="OpenAPI document (JSON or YAML)" value={spec} onChange={setSpec} accept=".json,.yaml,.yml,application/json,application/yaml" /> : null}
              {kind === "mcp" ? (
                <div className="space-y-2">
                  <label className="block">
                    <span className="text-zinc-600 dark:text-zinc-400">Server URL (Streamable HTTP)</span>
                    <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:4590/mcp" className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950" />
                  </label>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">Headers are stored on the server and shown only masked afterwards.</p>
                  {headers.map((h, i) => (
                    <div key={i} className="flex gap-2">
                      <input
                        aria-label={`Header ${i + 1} name`}
                        value={h.name}
                        placeholder="Authorization"
                        onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                        className="w-48 rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
                      />
                      <input
                        aria-label={`Header ${i + 1} value`}
                        type="password"
                        autoComplete="off"
                        value={h.value}
                        placeholder="Bearer …"
                        onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                        className="flex-1 rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
                      />
                      <Button size="sm" variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => setHeaders(headers.filter((_, j) => j !== i))}>
                        Remove
                      </Button>
                    </div>
                  ))}
                  <Button size="sm" onClick={() => setHeaders([...headers, { name: "", value: "" }])}>
                    Add header
                  </Button>
                </div>
              ) : null}
              <ProblemList error={error} />
              <div className="flex justify-end gap-2">
                <DialogClose asChild>
                  <Button>Cancel</Button>
                </DialogClose>
                <Button type="submit" variant="primary" disabled={!name || busy}>
                  {busy ? (kind === "mcp" ? "Discovering tools…" : "Adding…") : "Add target"}
                </Button>
              </div>
            </form>
          )}
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Tool } from "@/lib/agentcore/types";
import { curlCommand } from "@/lib/gateway/curl";
import type { ConnectClient } from "@/lib/gateway/connect";
import { CopyButton } from "./copy-button";

const MASK = "•".repeat(24);

/** One OAuth client (one persona): credentials with reveal/copy, its claims, and a ready curl command. */
export function ClientCard({ client, tools, mcpUrl, tokenEndpoint }: { client: ConnectClient; tools: Tool[]; mcpUrl: string; tokenEndpoint: string }) {
  const [revealed, setRevealed] = useState(false);
  const [toolName, setToolName] = useState(tools[0]?.name ?? "");
  const tool = tools.find((t) => t.name === toolName);
  const command = useMemo(
    () => curlCommand({ mcpUrl, tokenEndpoint, clientId: client.clientId, clientSecret: client.clientSecret, tool }),
    [mcpUrl, tokenEndpoint, client.clientId, client.clientSecret, tool],
  );
  // The page shows the secret only when revealed; the copy button still copies the working command.
  const shown = revealed ? command : command.replace(encodeURIComponent(client.clientSecret), MASK);
  const claims = Object.entries(client.claims);
  const commandId = `curl-${client.persona}`;

  return (
    <article aria-label={`Client ${client.persona}`} className="space-y-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{client.persona}</h3>
        {claims.map(([k, v]) => (
          <Badge key={k} tone="blue" title={`claim ${k} → Cedar tag principal.getTag("${k}")`}>
            {k}: {typeof v === "string" ? v : JSON.stringify(v)}
          </Badge>
        ))}
      </header>
      <dl className="grid grid-cols-[8rem_1fr] items-center gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Client id</dt>
        <dd className="flex items-center gap-1">
          <code className="font-mono text-xs" aria-label={`Client id of ${client.persona}`}>
            {client.clientId}
          </code>
          <CopyButton text={client.clientId} label={`Copy client id of ${client.persona}`} />
        </dd>
        <dt className="text-muted">Client secret</dt>
        <dd className="flex items-center gap-1">
          <code className="font-mono text-xs" aria-label={`Client secret of ${client.persona}`}>
            {revealed ? client.clientSecret : MASK}
          </code>
          <Button size="sm" variant="ghost" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? "Hide" : "Reveal"}
          </Button>
          <CopyButton text={client.clientSecret} label={`Copy client secret of ${client.persona}`} />
        </dd>
      </dl>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            Tool
            <select
              className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-900"
              value={toolName}
              onChange={(e) => setToolName(e.target.value)}
              aria-label={`Tool for the curl command of ${client.persona}`}
            >
              {tools.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <CopyButton text={command} label={`Copy curl command of ${client.persona}`} />
        </div>
        <pre id={commandId} aria-label={`curl command of ${client.persona}`} className="overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs whitespace-pre dark:bg-zinc-950">
          {shown}
        </pre>
      </div>
    </article>
  );
}

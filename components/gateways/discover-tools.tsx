"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { discoverTools } from "@/lib/api-client/gateways";

/** Lists a target's tools through the gateway with a pasted bearer token, kept in this form only. */
export function DiscoverTools({ gatewayId, targetName }: { gatewayId: string; targetName: string }) {
  const router = useRouter();
  const [token, setToken] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "busy" } | { kind: "done"; count: number } | { kind: "error"; message: string }>({ kind: "idle" });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ kind: "busy" });
    try {
      const { tools } = await discoverTools(gatewayId, token);
      setToken("");
      setState({ kind: "done", count: tools.filter((t) => t.name.startsWith(`${targetName}___`)).length });
      router.refresh();
    } catch (err) {
      setState({ kind: "error", message: (err as Error).message });
    }
  }

  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <input
        type="password"
        autoComplete="off"
        aria-label={`Access token to list ${targetName}'s tools`}
        placeholder="Paste an access token for this gateway"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        className="min-w-72 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
      />
      <Button type="submit" size="sm" disabled={!token || state.kind === "busy"}>
        {state.kind === "busy" ? "Listing…" : "List tools via tools/list"}
      </Button>
      {state.kind === "done" ? <span role="status">Found {state.count} tools. The token was not stored.</span> : null}
      {state.kind === "error" ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

import type { Tool } from "@/lib/agentcore/types";
import { SchemaView } from "./schema-view";

/** `children`: what the tool's page adds below it (the response template editor, locally). */
export function ToolCard({ tool, children }: { tool: Tool; children?: React.ReactNode }) {
  return (
    <article className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" aria-label={`Tool ${tool.name}`}>
      <h4 className="font-mono text-sm font-semibold break-all">{tool.name}</h4>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{tool.description || "No description."}</p>
      <SchemaView schema={tool.inputSchema} />
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-muted hover:text-zinc-800 dark:hover:text-zinc-200">Raw input schema (JSON)</summary>
        <pre className="mt-1 max-h-72 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">{JSON.stringify(tool.inputSchema, null, 2)}</pre>
      </details>
      {children}
    </article>
  );
}

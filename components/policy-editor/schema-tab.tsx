"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TabList, tabProps } from "@/components/ui/tabs";
import { schemaDownloadUrl } from "@/lib/api-client/gateways";
import type { EditorContext } from "@/lib/workspace/editor-context";

/** The read-only Cedar schema generated from the gateway's tools, in both syntaxes, downloadable. */
export function SchemaTab({ context }: { context: EditorContext }) {
  const [format, setFormat] = useState<"cedar" | "json">("cedar");
  const text = format === "cedar" ? context.schemaText : JSON.stringify(context.schemaJson, null, 2);
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
        <TabList label="Schema format" className="gap-1">
          {(["cedar", "json"] as const).map((f) => (
            <Button key={f} size="sm" variant={format === f ? "primary" : "secondary"} {...tabProps(`schema-format-${f}`, format === f, "schema-text")} onClick={() => setFormat(f)}>
              {f === "cedar" ? "Cedar schema" : "JSON schema"}
            </Button>
          ))}
        </TabList>
        <a
          className="ml-auto text-sm text-indigo-700 hover:underline dark:text-indigo-300"
          href={schemaDownloadUrl(context.gatewayId, format)}
          download
        >
          Download {format === "cedar" ? ".cedarschema" : ".cedarschema.json"}
        </a>
      </div>
      {context.schemaNotes.length > 0 ? (
        <ul className="border-b border-zinc-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-zinc-800 dark:bg-amber-950 dark:text-amber-100">
          {context.schemaNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="grid min-h-0 flex-1 gap-0 lg:grid-cols-[1fr_22rem]">
        <pre id="schema-text" role="tabpanel" aria-label="Generated schema" className="min-h-0 overflow-auto p-3 font-mono text-xs">
          {text}
        </pre>
        <aside className="min-h-0 overflow-auto border-l border-zinc-200 p-3 text-xs dark:border-zinc-800">
          <h3 className="mb-2 text-sm font-semibold">context.input per tool</h3>
          {context.actions.map((a) => (
            <div key={a.id} className="mb-3">
              <p className="font-mono font-semibold break-all">{a.id}</p>
              <ul className="ml-2">
                {a.fields.map((f) => (
                  <li key={f.path}>
                    <code>{f.path}</code>: <span className="text-sky-700 dark:text-sky-300">{f.cedarType}</span>
                    {f.required ? "" : " (optional)"}
                    {f.note ? <span className="block text-amber-700 dark:text-amber-300">{f.note}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </aside>
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { setResponseTemplate } from "@/lib/api-client/gateway-admin";

/**
 * A tool's answer in the local gateway (inline and OpenAPI tools have no implementation here): a
 * JSON template with `{{arguments.<field>}}`, `{{tool}}`, `{{name}}`, `{{target}}` placeholders.
 */
export function ResponseTemplateEditor({ gatewayId, targetId, tool, template }: { gatewayId: string; targetId: string; tool: string; template: unknown }) {
  const router = useRouter();
  const can = useCan("author", "editing a response template");
  const [text, setText] = useState(template === undefined ? "" : JSON.stringify(template, null, 2));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(reset: boolean) {
    setMessage(null);
    let value: unknown = null;
    if (!reset) {
      try {
        value = JSON.parse(text);
      } catch (e) {
        setMessage({ ok: false, text: `Not JSON: ${(e as Error).message}` });
        return;
      }
    }
    try {
      await setResponseTemplate(gatewayId, targetId, tool, value);
      if (reset) setText("");
      setMessage({ ok: true, text: reset ? "Back to the default echo." : "Saved: the gateway answers with it from the next call." });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  }

  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs text-muted hover:text-zinc-800 dark:hover:text-zinc-200">Response template {template === undefined ? "(default: echo)" : "(custom)"}</summary>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        This target has no implementation in the local workspace: the gateway answers allowed calls with this template. Without one it echoes the call and says so.
      </p>
      <textarea
        aria-label={`Response template of ${tool}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'{"status": "approved", "amount": "{{arguments.amount}}"}'}
        spellCheck={false}
        rows={4}
        className="mt-1 block w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
      />
      <div className="mt-1 flex gap-2">
        <Button size="sm" disabled={!text.trim() || !can.allowed} title={can.reason} onClick={() => void save(false)}>
          Save template
        </Button>
        {template !== undefined ? (
          <Button size="sm" variant="ghost" disabled={!can.allowed} title={can.reason} onClick={() => void save(true)}>
            Use the default echo
          </Button>
        ) : null}
      </div>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "mt-1 text-xs" : "mt-1 text-xs text-red-700 dark:text-red-300"}>
          {message.text}
        </p>
      ) : null}
    </details>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { useCan } from "@/components/team/viewer-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { generateDraft } from "@/lib/api-client/drafts";
import type { DraftedPolicy, DraftResult, DrafterKind } from "@/lib/drafting/types";
import { insertedText, type ApplyMode } from "@/lib/simulation/draft-effect";
import { DraftEffectView, useDraftEffect } from "./draft-effect";

const LABEL: Record<DrafterKind, string> = { anthropic: "Claude", offline: "Offline rules", agentcore: "AgentCore generation" };
const STATUS: Record<DraftResult["status"], { tone: "green" | "amber" | "red"; text: string }> = {
  valid: { tone: "green", text: "valid first time" },
  repaired: { tone: "amber", text: "repaired after validator feedback" },
  invalid: { tone: "red", text: "still invalid — review the errors" },
};

/** Plain language in, Cedar out: streamed, validated, and applied only on the user's click. */
export function DraftPanel({ drafters }: { drafters: DrafterKind[] }) {
  const ws = useWorkspace();
  const [request, setRequest] = useState("");
  const canDraft = useCan("author", "drafting with AI");
  const requestKey = `policy-studio:draft-request:${ws.gatewayId}`;
  // The request survives a reload, like the editor's text; it lives in the browser's storage, read after hydration.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring the request needs the browser's storage
  useEffect(() => setRequest(localStorage.getItem(requestKey) ?? ""), [requestKey]);
  useEffect(() => {
    if (request) localStorage.setItem(requestKey, request);
    else localStorage.removeItem(requestKey);
  }, [request, requestKey]);
  const [choice, setChoice] = useState<"auto" | DrafterKind>("auto");
  const [streamed, setStreamed] = useState<DraftedPolicy[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<DraftResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null follows the effect's suggestion (replacing the policies a restriction would leave in place).
  const [picked, setPicked] = useState<ApplyMode | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const stop = useRef<AbortController | null>(null);
  const running = progress !== null;

  async function generate() {
    setError(null);
    setResult(null);
    setAcknowledged(false);
    setPicked(null);
    setStreamed([]);
    setProgress("Drafting…");
    stop.current = new AbortController();
    try {
      await generateDraft(
        ws.gatewayId,
        { request, drafter: choice },
        (e) => {
          if (e.type === "policy") setStreamed((s) => [...s, e.policy]);
          if (e.type === "repair") setProgress(`Repairing: round ${e.round} (the validator found errors)…`);
          if (e.type === "status") setProgress(e.message);
          if (e.type === "result") setResult(e.result);
          if (e.type === "error") setError(e.message);
        },
        stop.current.signal,
      );
    } catch (e) {
      setError((e as Error).name === "AbortError" ? "Stopped. Your request is kept; nothing was changed." : (e as Error).message);
    } finally {
      stop.current = null;
      setProgress(null);
    }
  }

  const draftText = result?.policies.length ? result.policies.map((p) => p.statement.trim()).join("\n\n") + "\n" : "";
  const effect = useDraftEffect(draftText);
  const mode: ApplyMode = picked && (picked !== "replace-restricted" || effect.effect?.restricted.length) ? picked : (effect.effect?.suggested ?? "insert");
  const applied = effect.effect?.texts[mode] ?? (mode === "replace" ? draftText : insertedText(ws.text, draftText));
  const apply = () => {
    if (mode === "replace-restricted") ws.apply("replace", applied);
    else ws.apply(mode, draftText);
    setResult(null);
  };

  return (
    <div className="space-y-3 p-3 text-sm">
      <label className="block text-xs text-zinc-600 dark:text-zinc-400">
        Describe the policy in plain language
        <textarea
          aria-label="Policy request"
          className="mt-1 h-20 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          placeholder="e.g. Only the refund-agent role may process refunds, and only under $1000"
          value={request}
          maxLength={2000}
          onChange={(e) => setRequest(e.target.value)}
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Drafter" className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900" value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)}>
          <option value="auto">Best available ({drafters.includes("anthropic") ? "Claude" : "offline rules"})</option>
          {drafters.map((d) => (
            <option key={d} value={d}>
              {LABEL[d]}
            </option>
          ))}
        </select>
        <Button variant="primary" onClick={() => void generate()} disabled={running || request.trim().length < 3 || !canDraft.allowed} title={canDraft.reason}>
          Generate
        </Button>
        {running ? <Button onClick={() => stop.current?.abort()}>Stop</Button> : null}
      </div>
      {!drafters.includes("anthropic") ? <p className="text-xs text-muted">Offline rules: Claude is not configured on this server (see Backends in the README).</p> : null}
      {progress ? <p aria-live="polite" className="text-xs text-zinc-600">{progress}</p> : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {!result && streamed.length ? (
        <ul aria-label="Arriving policies" className="space-y-1">
          {streamed.map((p, i) => (
            <li key={i} className="text-xs">
              <pre className="rounded bg-zinc-50 p-1 whitespace-pre-wrap dark:bg-zinc-950">{p.statement}</pre>
            </li>
          ))}
        </ul>
      ) : null}
      {result ? (
        <section aria-label="Draft" className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="blue" data-testid="drafter-label">
              {LABEL[result.drafter]}
            </Badge>
            <Badge tone={STATUS[result.status].tone} data-testid="draft-status">
              {STATUS[result.status].text}
            </Badge>
          </div>
          {result.accessWarnings.length ? <AccessAlert warnings={result.accessWarnings} acknowledged={acknowledged} onAcknowledge={setAcknowledged} /> : null}
          {/* The API's notice says what the hint under Generate already says when Claude is not configured. */}
          {result.notice && drafters.includes("anthropic") ? <p className="text-xs text-muted">{result.notice}</p> : null}
          <ul className="space-y-1 text-xs">
            {result.policies.map((p, i) => (
              <li key={i}>• {p.explanation}</li>
            ))}
          </ul>
          <Notes title="Warnings" items={result.warnings} tone="amber" />
          <Notes title="Assumptions" items={result.assumptions} />
          <Notes title="Questions" items={result.questions} />
          <Notes title="Validation errors" items={result.diagnostics.map((d) => `line ${d.startLine}:${d.startColumn} ${d.message}${d.help ? ` (help: ${d.help})` : ""}`)} tone="red" />
          <Notes title="Findings" items={result.findings.map((f) => `${f.type} — ${f.message} (${f.how})`)} tone="amber" />
          <Notes title="Checked by the service when published" items={(result.notes ?? []).map((n) => `line ${n.line}:${n.column} ${n.message}`)} />
          {result.policies.length ? (
            <>
              <DraftEffectView state={effect} mode={mode} onMode={setPicked} applied={applied} />
              <div className="flex gap-2">
                <Button variant="primary" disabled={(result.accessWarnings.length > 0 && !acknowledged) || effect.pending} onClick={apply}>
                  {APPLY_LABEL[mode](effect.effect?.restricted.length ?? 0)}
                </Button>
                <Button onClick={() => setResult(null)}>Discard</Button>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

const APPLY_LABEL: Record<ApplyMode, (n: number) => string> = {
  insert: () => "Insert",
  replace: () => "Replace",
  "replace-restricted": (n) => `Replace ${n === 1 ? "that policy" : `those ${n} policies`} and add the draft`,
};

/** Wider access than asked, said first and in full: applying such a draft takes a deliberate tick. */
function AccessAlert({ warnings, acknowledged, onAcknowledge }: { warnings: DraftResult["accessWarnings"]; acknowledged: boolean; onAcknowledge: (v: boolean) => void }) {
  return (
    <div role="alert" aria-label="Access warning" className="space-y-1 rounded-md border-2 border-red-600 bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{warnings.some((w) => w.type === "ALLOW_ALL") ? "This draft allows every call to everyone." : "This draft allows people the request did not name."}</p>
      <ul className="ml-3 list-disc">
        {warnings.map((w) => (
          <li key={w.type}>{w.message}</li>
        ))}
      </ul>
      <label className="flex items-center gap-1 font-medium">
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />I have read this and still want to apply the draft
      </label>
    </div>
  );
}

function Notes({ title, items, tone }: { title: string; items: string[]; tone?: "red" | "amber" }) {
  if (!items.length) return null;
  const color = tone === "red" ? "text-red-700 dark:text-red-400" : tone === "amber" ? "text-amber-800 dark:text-amber-300" : "text-zinc-700 dark:text-zinc-300";
  return (
    <div className={`text-xs ${color}`} aria-label={title} role="group">
      <p className="font-semibold">{title}</p>
      <ul className="ml-3 list-disc">
        {items.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

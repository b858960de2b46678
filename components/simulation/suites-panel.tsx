"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client";
import type { CaseRun } from "@/lib/simulation/compare";
import type { TestCase } from "@/lib/simulation/types";
import { useSim } from "./sim-context";

type StoredCase = TestCase & { id: number; suite: string };
type SuiteRun = { runs: CaseRun[]; draft: { passed: number; failed: number }; published: { passed: number; failed: number } };

/** Saved calls with expected decisions, run against the draft and the published set side by side. */
export function SuitesPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [cases, setCases] = useState<StoredCase[] | null>(null);
  const [result, setResult] = useState<SuiteRun | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    apiFetch<{ cases: StoredCase[] }>(`/api/gateways/${ws.gatewayId}/suites`).then(
      (r) => live && setCases(r.cases),
      (e: Error) => live && setMessage(e.message),
    );
    return () => {
      live = false;
    };
  }, [ws.gatewayId, sim.casesVersion, tick]);

  async function run() {
    if (!cases) return;
    setResult(await sim.run<SuiteRun>("sim.suite", { cases }));
  }

  async function remove(id: number) {
    await apiFetch(`/api/gateways/${ws.gatewayId}/suites/cases/${id}`, { method: "DELETE" });
    setResult(null);
    reload();
  }

  async function importFile(f: File) {
    try {
      const body = JSON.parse(await f.text());
      const r = await apiFetch<{ suite: string; imported: number }>(`/api/gateways/${ws.gatewayId}/suites/import`, { method: "POST", body });
      setMessage(`Imported ${r.imported} cases into suite “${r.suite}”.`);
      reload();
    } catch (e) {
      setMessage(`Import failed: ${(e as Error).message}`);
    }
  }

  const suites = [...new Set((cases ?? []).map((c) => c.suite))];
  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => void run()} disabled={!cases?.length}>
          Run suite
        </Button>
        {suites.map((s) => (
          <a key={s} className="self-center text-xs text-indigo-700 underline dark:text-indigo-300" href={`/api/gateways/${ws.gatewayId}/suites/export?suite=${encodeURIComponent(s)}`} download>
            Export “{s}”
          </a>
        ))}
        <Button size="sm" onClick={() => file.current?.click()}>
          Import…
        </Button>
        <input ref={file} type="file" accept="application/json,.json" className="hidden" aria-label="Import suite file" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
      </div>
      {message ? <p role="status" className="text-xs">{message}</p> : null}
      {result ? (
        <p data-testid="suite-summary" className="text-xs">
          Draft: {result.draft.passed} passed, {result.draft.failed} failed · Published: {result.published.passed} passed, {result.published.failed} failed
        </p>
      ) : null}
      {cases === null ? <p className="text-xs text-zinc-500">Loading cases…</p> : null}
      {cases?.length === 0 ? <p className="text-xs text-zinc-500">No saved cases yet. Run a call in Simulate and save it, add one from the decision log, or import a suite file.</p> : null}
      {cases?.length ? (
        <table className="w-full text-xs" aria-label="Test cases">
          <thead className="text-left text-zinc-500">
            <tr>
              <th className="py-1">Case</th>
              <th>Expect</th>
              <th>Draft</th>
              <th>Published</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {cases.map((c, i) => {
              const r = result?.runs[i];
              return (
                <tr key={c.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 pr-1">
                    {c.name}
                    {c.suite !== "default" ? <span className="text-zinc-500"> ({c.suite})</span> : null}
                  </td>
                  <td>{c.expected}</td>
                  <td>{r ? <Outcome pass={r.draftPass} got={r.draft} /> : "—"}</td>
                  <td>{r ? <Outcome pass={r.publishedPass} got={r.published} /> : "—"}</td>
                  <td>
                    <button type="button" aria-label={`Delete case ${c.name}`} className="text-zinc-400 hover:text-red-600" onClick={() => void remove(c.id)}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function Outcome({ pass, got }: { pass: boolean; got: string }) {
  return <span className={pass ? "text-emerald-700 dark:text-emerald-400" : "font-semibold text-red-700 dark:text-red-400"}>{pass ? `pass (${got})` : `FAIL (${got})`}</span>;
}

"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteSuite, deleteTestCase, importSuite, listTestCases, suiteExportUrl, updateTestCase } from "@/lib/api-client/simulation";
import type { StoredTestCase as StoredCase } from "@/lib/simulation/schemas";
import { callOf, compactArguments } from "@/lib/simulation/case-name";
import type { CaseRun } from "@/lib/simulation/suite";
import { useSim } from "./sim-context";

type SuiteRun = { runs: CaseRun[]; draft: { passed: number; failed: number }; published: { passed: number; failed: number } };

const ALL = "";
const select = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

/** Saved calls with expected decisions, run against the draft (the editor's text) and the published set side by side. */
export function SuitesPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [cases, setCases] = useState<StoredCase[] | null>(null);
  const [suite, setSuite] = useState(ALL);
  const [result, setResult] = useState<SuiteRun | null>(null);
  /** Each case's last run: from the whole suite's run, or its own. */
  const [runs, setRuns] = useState<ReadonlyMap<number, CaseRun>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const file = useRef<HTMLInputElement>(null);
  const reload = () => setTick((t) => t + 1);

  useEffect(() => {
    let live = true;
    listTestCases(ws.gatewayId).then(
      (r) => live && setCases(r.cases),
      (e: Error) => live && setMessage(e.message),
    );
    return () => {
      live = false;
    };
  }, [ws.gatewayId, sim.casesVersion, tick]);

  const suites = [...new Set((cases ?? []).map((c) => c.suite))];
  const shown = (cases ?? []).filter((c) => suite === ALL || c.suite === suite);
  const forget = () => (setResult(null), setRuns(new Map()));

  async function run() {
    setMessage(null);
    try {
      const ran = await sim.run<SuiteRun>("sim.suite", { cases: shown });
      setResult(ran);
      setRuns(new Map(shown.map((c, i) => [c.id, ran.runs[i]])));
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  /** Re-runs one case: a suite of that one case. */
  async function runOne(c: StoredCase) {
    setMessage(null);
    try {
      const [ran] = (await sim.run<SuiteRun>("sim.suite", { cases: [c] })).runs;
      setRuns((r) => new Map(r).set(c.id, ran));
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  async function act(what: () => Promise<unknown>, done?: string) {
    try {
      await what();
      forget();
      if (done) setMessage(done);
      reload();
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  async function importFile(f: File) {
    let body: unknown;
    try {
      body = JSON.parse(await f.text());
    } catch (e) {
      return setMessage(`Import failed: ${f.name} is not JSON (${(e as Error).message}).`);
    }
    try {
      const r = await importSuite(ws.gatewayId, body);
      setMessage(`Imported ${r.imported} cases into suite “${r.suite}” (it replaced any suite of that name).`);
      setSuite(r.suite);
      forget();
      reload();
    } catch (e) {
      setMessage(`Import failed: ${(e as Error).message}`);
    }
  }

  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-xs text-zinc-600 dark:text-zinc-400">
          Suite{" "}
          <select aria-label="Suite" className={select} value={suite} onChange={(e) => (setSuite(e.target.value), forget())}>
            <option value={ALL}>All suites</option>
            {suites.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <Button variant="primary" onClick={() => void run()} disabled={!shown.length}>
          Run suite
        </Button>
        {suite !== ALL ? (
          <>
            <a className="text-xs text-indigo-700 underline dark:text-indigo-300" href={suiteExportUrl(ws.gatewayId, suite)} download>
              Export “{suite}”
            </a>
            <ConfirmButton
              size="sm"
              variant="ghost"
              title={`Delete suite “${suite}”?`}
              description="Every case of this suite is deleted; other suites are kept."
              confirmLabel="Delete suite"
              onConfirm={() => act(() => deleteSuite(ws.gatewayId, suite), `Deleted suite “${suite}”.`).then(() => setSuite(ALL))}
            >
              Delete suite
            </ConfirmButton>
          </>
        ) : null}
        <Button size="sm" onClick={() => file.current?.click()}>
          Import…
        </Button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Import suite file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void importFile(f);
          }}
        />
      </div>
      {message ? (
        <p role="status" className="text-xs">
          {message}
        </p>
      ) : null}
      {result ? (
        <p data-testid="suite-summary" className="text-xs">
          Draft: {result.draft.passed} passed, {result.draft.failed} failed · Published: {result.published.passed} passed, {result.published.failed} failed
        </p>
      ) : null}
      {cases === null ? <p className="text-xs text-muted">Loading cases…</p> : null}
      {cases?.length === 0 ? <p className="text-xs text-muted">No saved cases yet. Run a call in Simulate and save it, add one from the decision log, or import a suite file.</p> : null}
      {shown.length ? (
        <table className="w-full text-xs" aria-label="Test cases">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1 pr-2">Case</th>
              <th className="pr-2">Arguments</th>
              <th className="pr-2">Expected</th>
              <th className="pr-2">Draft</th>
              <th className="pr-2">Published</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const r = runs.get(c.id);
              return (
                <tr key={c.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  <td className="py-1 pr-1">
                    {c.name}
                    {suite === ALL && c.suite !== "default" ? <span className="text-muted"> ({c.suite})</span> : null}
                    {r?.invalid ? <div className="text-amber-700 dark:text-amber-300">{r.invalid}</div> : null}
                  </td>
                  <td className="max-w-[14rem] truncate pr-2 font-mono" title={argumentsOf(c)} data-testid="case-arguments">
                    {argumentsOf(c)}
                  </td>
                  <td>
                    {"session" in c ? (
                      <span title="A session case: one expected decision per call, in order">{c.session.map((s) => s.expected).join(" → ")}</span>
                    ) : (
                      <button
                        type="button"
                        title="Change the expected decision"
                        aria-label={`${c.expected} expected for ${c.name}: switch to ${c.expected === "ALLOW" ? "DENY" : "ALLOW"}`}
                        className="underline decoration-dotted"
                        onClick={() => void act(() => updateTestCase(ws.gatewayId, c.id, { expected: c.expected === "ALLOW" ? "DENY" : "ALLOW" }))}
                      >
                        {c.expected}
                      </button>
                    )}
                  </td>
                  <td>{r ? <Outcome run={r} side="draft" /> : "—"}</td>
                  <td>{r ? <Outcome run={r} side="published" /> : "—"}</td>
                  <td className="whitespace-nowrap">
                    {"session" in c ? null : (
                      <button
                        type="button"
                        aria-label={`Open ${c.name} in Simulate`}
                        title="Open this call in Simulate"
                        className="mr-2 text-indigo-700 underline dark:text-indigo-300"
                        onClick={() => sim.openInSimulate({ principal: c.principal, request: c.request })}
                      >
                        Simulate
                      </button>
                    )}
                    <button type="button" aria-label={`Run ${c.name}`} title="Run this case alone" className="mr-2 text-indigo-700 underline dark:text-indigo-300" onClick={() => void runOne(c)}>
                      Run
                    </button>
                    <button
                      type="button"
                      aria-label={`Delete case ${c.name}`}
                      className="text-zinc-400 hover:text-red-600"
                      onClick={() => void act(() => deleteTestCase(ws.gatewayId, c.id))}
                    >
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

/** The call's arguments as compact JSON; a session's, call by call. */
function argumentsOf(c: StoredCase): string {
  const calls = "session" in c ? c.session.map((s) => s.request) : [c.request];
  return calls.map((request) => compactArguments(callOf(request).arguments)).join(" → ");
}

function Outcome({ run, side }: { run: CaseRun; side: "draft" | "published" }) {
  const calls = run.calls ?? [run];
  return (
    <ol className={run.calls ? "list-decimal pl-4" : ""}>
      {calls.map((c, i) => {
        const pass = side === "draft" ? c.draftPass : c.publishedPass;
        const got = side === "draft" ? c.draft : c.published;
        const by = side === "draft" ? c.draftPolicies : c.publishedPolicies;
        const depends = side === "draft" ? c.draftDependsOn : c.publishedDependsOn;
        return (
          <li key={i} title={depends ?? (by.length ? `determined by ${by.join(", ")}` : "no determining policy")} className={pass ? "text-emerald-700 dark:text-emerald-400" : "font-semibold text-red-700 dark:text-red-400"}>
            {pass ? `pass (${got})` : `FAIL (${got})`}
            {depends ? <span className="block font-normal text-amber-800 dark:text-amber-300">{depends}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

"use client";

import { useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { cedarWorker, type CedarWorkerClient } from "@/lib/cedar-worker/client";
import { listPersonas } from "@/lib/api-client/simulation";
import type { Persona, SimCall, SimGateway } from "@/lib/simulation/types";
import { readReplayParam, REPLAY_PARAM } from "./replay-link";

/** A call to open in the Simulate panel; `seq` tells one opening from the next of the same call. */
export type PendingReplay = SimCall & { seq: number };

interface SimState {
  gateway: SimGateway;
  personas: Persona[];
  reloadPersonas(): Promise<void>;
  /** Suites changed (a case saved or imported): panels that list cases re-read them. */
  casesVersion: number;
  casesChanged(): void;
  /** The last call opened in Simulate (from Impact, the analysis or a `?replay=` link). */
  pending: PendingReplay | null;
  setPending(call: SimCall): void;
}

type RunOptions = { worker?: CedarWorkerClient; signal?: AbortSignal; onProgress?: (d: number, t: number) => void };

const SimContext = createContext<SimState | null>(null);

/** Wraps the policy workspace so every simulation panel shares the personas and the suites' state. */
export function SimulationProvider({ gatewayId, gateway, personas: initial, children }: { gatewayId: string; gateway: SimGateway; personas: Persona[]; children: React.ReactNode }) {
  const search = useSearchParams();
  const [personas, setPersonas] = useState(initial);
  const [casesVersion, setCasesVersion] = useState(0);
  const [pending, setPendingState] = useState<PendingReplay | null>(() => {
    const call = readReplayParam(search.get(REPLAY_PARAM));
    return call ? { ...call, seq: 1 } : null;
  });
  const reloadPersonas = useCallback(async () => {
    setPersonas((await listPersonas(gatewayId)).personas);
  }, [gatewayId]);
  const casesChanged = useCallback(() => setCasesVersion((v) => v + 1), []);
  const setPending = useCallback((call: SimCall) => setPendingState((p) => ({ ...call, seq: (p?.seq ?? 0) + 1 })), []);
  return <SimContext.Provider value={{ gateway, personas, reloadPersonas, casesVersion, casesChanged, pending, setPending }}>{children}</SimContext.Provider>;
}

/** The simulation state plus `run`: a worker job on the editor's current text vs the published set. */
export function useSim() {
  const sim = useContext(SimContext);
  if (!sim) throw new Error("useSim must be used inside SimulationProvider");
  const ws = useWorkspace();
  const { gateway, setPending } = sim;
  const run = useCallback(
    <T,>(kind: string, payload: Record<string, unknown>, options: RunOptions = {}) =>
      (options.worker ?? cedarWorker()).run<T>(kind, { gateway, draftText: ws.text, publishedText: ws.publishedText, ...payload }, options),
    [gateway, ws.text, ws.publishedText],
  );
  const { showPanel } = ws;
  /** Fills the Simulate panel with this principal and body, and shows it. */
  const openInSimulate = useCallback(
    (call: SimCall) => {
      setPending(call);
      showPanel("simulate");
    },
    [setPending, showPanel],
  );
  return { ...sim, run, openInSimulate };
}

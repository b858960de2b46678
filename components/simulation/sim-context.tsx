"use client";

import { createContext, useCallback, useContext, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { cedarWorker, type CedarWorkerClient } from "@/lib/cedar-worker/client";
import { listPersonas } from "@/lib/api-client/simulation";
import type { Persona, SimGateway } from "@/lib/simulation/types";

interface SimState {
  gateway: SimGateway;
  personas: Persona[];
  reloadPersonas(): Promise<void>;
  /** Suites changed (a case saved or imported): panels that list cases re-read them. */
  casesVersion: number;
  casesChanged(): void;
  /** A call another panel asked Simulate to show (the matrix's "Open in Simulate"); `seq` tells requests apart. */
  pending: { persona: string; request: unknown; seq: number } | null;
  openInSimulate(persona: string, request: unknown): void;
}

type RunOptions = { worker?: CedarWorkerClient; signal?: AbortSignal; onProgress?: (d: number, t: number) => void };

const SimContext = createContext<SimState | null>(null);

/** Wraps the policy workspace so every simulation panel shares the personas and the suites' state. */
export function SimulationProvider({ gatewayId, gateway, personas: initial, children }: { gatewayId: string; gateway: SimGateway; personas: Persona[]; children: React.ReactNode }) {
  const [personas, setPersonas] = useState(initial);
  const [casesVersion, setCasesVersion] = useState(0);
  const reloadPersonas = useCallback(async () => {
    setPersonas((await listPersonas(gatewayId)).personas);
  }, [gatewayId]);
  const casesChanged = useCallback(() => setCasesVersion((v) => v + 1), []);
  const [pending, setPending] = useState<SimState["pending"]>(null);
  const openInSimulate = useCallback((persona: string, request: unknown) => setPending((p) => ({ persona, request, seq: (p?.seq ?? 0) + 1 })), []);
  return <SimContext.Provider value={{ gateway, personas, reloadPersonas, casesVersion, casesChanged, pending, openInSimulate }}>{children}</SimContext.Provider>;
}

/** The simulation state plus `run`: a worker job on the editor's current text vs the published set. */
export function useSim() {
  const sim = useContext(SimContext);
  if (!sim) throw new Error("useSim must be used inside SimulationProvider");
  const ws = useWorkspace();
  const { gateway } = sim;
  const run = useCallback(
    <T,>(kind: string, payload: Record<string, unknown>, options: RunOptions = {}) =>
      (options.worker ?? cedarWorker()).run<T>(kind, { gateway, draftText: ws.text, publishedText: ws.publishedText, ...payload }, options),
    [gateway, ws.text, ws.publishedText],
  );
  return { ...sim, run };
}

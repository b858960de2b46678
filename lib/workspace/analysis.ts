/**
 * Server-side entry to the analysis: loads the gateway, its schema, the published set, the saved
 * draft and the personas, and runs the pure analysis with the Node build of cedar-wasm and the
 * shared Z3 instance.
 */
import "server-only";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { listPersonas } from "@/lib/store/personas";
import { loadWorkspace } from "./workspace";
import { analyzeDraft } from "@/lib/analysis/analyze";
import { smtSolver } from "@/lib/analysis/solver";
import type { AnalysisReport } from "@/lib/analysis/types";

/** The draft (`text`, default: the saved draft) against what the gateway's engine holds now. */
export async function gatewayAnalysis(gatewayId: string, text?: string): Promise<AnalysisReport> {
  const ws = await loadWorkspace(gatewayId);
  const [personas, smt] = await Promise.all([listPersonas(gatewayId), smtSolver()]);
  return analyzeDraft(cedar, smt, {
    gateway: {
      gatewayArn: ws.gateway.gatewayArn,
      principalKind: ws.context.principalType,
      schemaJson: ws.context.schemaJson,
      tools: ws.gateway.targets.flatMap((t) => t.tools.map((tool) => ({ name: tool.name, inputSchema: tool.inputSchema }))),
    },
    publishedText: ws.publishedText,
    draftText: text ?? ws.draft.text,
    personas,
  });
}

import type { Diagnostic } from "@/lib/cedar/diagnostics";
import type { Finding } from "./findings";

export type DrafterKind = "anthropic" | "offline" | "agentcore";

export interface DraftedPolicy {
  statement: string;
  explanation: string;
}

/** DESIGN.md's answer of `POST …/draft/generate`. */
export interface DraftResult {
  drafter: DrafterKind;
  /** valid first time, repaired after validator feedback, or still invalid (errors shown, text kept). */
  status: "valid" | "repaired" | "invalid";
  policies: DraftedPolicy[];
  assumptions: string[];
  questions: string[];
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** How many times validator errors were sent back for repair. */
  repairRounds?: number;
  /** Said when the drafter is a fallback (e.g. no API key). */
  notice?: string;
}

export interface DraftTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface DraftInput {
  request: string;
  gatewayArn: string;
  tools: DraftTool[];
  schema: { text: string; json: Record<string, unknown> };
  signal?: AbortSignal;
  /** Streaming: called as policies arrive and as repair rounds start. */
  onEvent?: (event: DraftEvent) => void;
}

export type DraftEvent =
  | { type: "status"; message: string }
  | { type: "policy"; policy: DraftedPolicy }
  | { type: "repair"; round: number; errors: string[] };

export interface Drafter {
  readonly kind: DrafterKind;
  draft(input: DraftInput): Promise<DraftResult>;
}

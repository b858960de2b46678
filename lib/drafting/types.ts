import type { Diagnostic } from "@/lib/cedar/diagnostics";
import type { Finding } from "@/lib/analysis/findings";
import type { DogwoodNote } from "@/lib/dogwood/check";
import type { AccessWarning } from "./access-warnings";

export type DrafterKind = "anthropic" | "offline" | "agentcore";

export interface DraftedPolicy {
  statement: string;
  explanation: string;
}

/** The answer of `POST …/draft/generate` (docs/api.md). */
export interface DraftResult {
  drafter: DrafterKind;
  /** valid first time, repaired after validator feedback, or still invalid (errors shown, text kept). */
  status: "valid" | "repaired" | "invalid";
  policies: DraftedPolicy[];
  assumptions: string[];
  questions: string[];
  diagnostics: Diagnostic[];
  /** For Dogwood statements: what the service checks when published and the console does not. */
  notes?: DogwoodNote[];
  /** Risky-but-valid shapes (and, for AgentCore, the service's own findings), each saying how it was found. */
  findings: Finding[];
  /**
   * Access wider than asked, to show before Insert/Replace: a policy that permits every call
   * (`ALLOW_ALL`), or a permit for any principal when the request named people (`ANY_PRINCIPAL`).
   */
  accessWarnings: AccessWarning[];
  /** Things a reviewer must know before applying, e.g. instruction-like text in a tool's description. */
  warnings: string[];
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
  /** Policy names the draft must not reuse: the published ones and those already in the editor. */
  takenNames?: string[];
  signal?: AbortSignal;
  /** Streaming: called as policies arrive and as repair rounds start. */
  onEvent?: (event: DraftEvent) => void;
}

/** Streamed while drafting: progress, each policy once complete, each repair round as it starts. */
export type DraftEvent =
  | { type: "status"; message: string }
  | { type: "policy"; policy: DraftedPolicy; round: number }
  | { type: "repair"; round: number; errors: string[] };

export interface Drafter {
  readonly kind: DrafterKind;
  draft(input: DraftInput): Promise<DraftResult>;
}

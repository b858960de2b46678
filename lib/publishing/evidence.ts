import "server-only";
import type { EngineMode } from "@/lib/agentcore/types";
import type { Corpus, CorpusCall } from "@/lib/simulation/corpus";
import { ALLOW_ALL_TEXT, impact, type ImpactFlip } from "@/lib/simulation/impact";
import type { SimGateway } from "@/lib/simulation/types";
import { countFlipReports } from "@/lib/store/decisions";
import { compiledFor } from "@/lib/workspace/simulate";
import { dropCanaryAnnotation } from "./canary";
import type { LiveCanaryEvidence, LiveModeEvidence } from "./live-evidence";

/**
 * The evidence shown before a risky click. Every piece is one `impact` (lib/simulation/impact.ts)
 * over the gateway's one corpus (lib/workspace/corpus.ts), so the publish review, the Impact panel,
 * the mode switch and canary promotion can never disagree about a call.
 */

const SHOWN = 25;

/** How many calls of each source were compared. */
export interface Sampled {
  cases: number;
  recorded: number;
  /** Calls imported from AgentCore policy spans. */
  spans: number;
}

export interface ModeEvidence extends Sampled {
  from: EngineMode;
  to: EngineMode;
  /** Calls the published policies deny: blocked under ENFORCE, let through under LOG_ONLY. */
  denied: Sampled & { items: ImpactFlip[]; more: number };
  /** Imported calls that could not be re-evaluated (their spans lack arguments, say), by reason. */
  notReplayable: Corpus["notReplayable"];
  /** Real traffic in a time range: CloudWatch's (or the decision log's) counts and the imported calls of that range. */
  live?: LiveModeEvidence;
  recommendation: string;
}

export interface ImpactEvidence extends Sampled {
  flips: ImpactFlip[];
  allowToDeny: number;
  denyToAllow: number;
  more: number;
  /** Calls a Dogwood policy could decide, so not reported as flipped or unflipped (weighted by count). */
  undetermined: number;
  notReplayable: Corpus["notReplayable"];
  problems: string[];
}

export interface CanaryEvidence {
  policy: string;
  /** Replayed: calls whose decision this LOG_ONLY policy would flip were it ACTIVE. */
  flips: ImpactFlip[];
  flipCount: number;
  /** Live: recorded calls in which the gateway reported this policy in the decision-flip set. */
  recordedFlips: number;
  sampled: Sampled;
  /** Live, over a time range: `LogOnlyDecisionFlips` for this policy and the imported calls behind them. */
  live?: LiveCanaryEvidence;
}

const weight = (flips: ImpactFlip[], source: CorpusCall["source"]) => flips.filter((f) => f.source === source).reduce((n, f) => n + f.count, 0);
const sampled = (r: Sampled): Sampled => ({ cases: r.cases, recorded: r.recorded, spans: r.spans });

/**
 * LOG_ONLY enforces nothing, so a switch between the modes flips exactly the calls the published set
 * denies: the impact of going from "allow everything" to the published set.
 */
export function modeEvidence(gateway: SimGateway, corpus: Corpus, publishedText: string, from: EngineMode, to: EngineMode): ModeEvidence {
  const r = impact(corpus.calls, gateway, compiledFor(gateway, ALLOW_ALL_TEXT), compiledFor(gateway, publishedText));
  const none = r.total === 0;
  return {
    from,
    to,
    ...sampled(r),
    denied: { cases: weight(r.flips, "case"), recorded: weight(r.flips, "recorded"), spans: weight(r.flips, "span"), items: r.flips.slice(0, SHOWN), more: Math.max(0, r.flips.length - SHOWN) },
    notReplayable: corpus.notReplayable,
    recommendation:
      to === "ENFORCE"
        ? none
          ? "There is no evidence yet: no saved cases, no recorded calls and no imported calls. Stay in LOG_ONLY, send real traffic, and switch once the decision log (or the imported spans) shows no surprises."
          : "These calls go through today and will fail once enforced. Check each one is meant to be denied; if not, fix the policies and publish first (AWS recommends LOG_ONLY first)."
        : "Watch the decision log while in LOG_ONLY; switch back to ENFORCE once the denied calls above are the ones you mean to block.",
  };
}

/** Decisions that differ between the published set and the draft. */
export function publishImpact(gateway: SimGateway, corpus: Corpus, publishedText: string, draftText: string): ImpactEvidence {
  const after = compiledFor(gateway, draftText);
  const r = impact(corpus.calls, gateway, compiledFor(gateway, publishedText), after);
  return {
    ...sampled(r),
    flips: r.flips.slice(0, SHOWN),
    more: Math.max(0, r.flips.length - SHOWN),
    allowToDeny: r.allowToDeny,
    denyToAllow: r.denyToAllow,
    undetermined: r.undeterminedCount,
    notReplayable: corpus.notReplayable,
    problems: after.problems.map((p) => `${p.id}: ${p.message}`),
  };
}

/** For each LOG_ONLY policy of the published set: what promoting it to ACTIVE would change. */
export async function canaryEvidence(gatewayId: string, gateway: SimGateway, corpus: Corpus, publishedText: string, policyNames: string[]): Promise<CanaryEvidence[]> {
  if (policyNames.length === 0) return [];
  const before = compiledFor(gateway, publishedText);
  return Promise.all(
    policyNames.map(async (policy) => {
      const r = impact(corpus.calls, gateway, before, compiledFor(gateway, dropCanaryAnnotation(publishedText, policy)));
      return {
        policy,
        flips: r.flips.slice(0, SHOWN),
        flipCount: r.allowToDeny + r.denyToAllow,
        recordedFlips: await countFlipReports(gatewayId, policy),
        sampled: sampled(r),
      };
    }),
  );
}

import "server-only";
import { impactCorpus, RECORDED_LIMIT, type CorpusCall } from "@/lib/simulation/corpus";
import { recentCalls } from "@/lib/store/decisions";
import { listTestCases } from "@/lib/store/test-cases";

/**
 * A gateway's impact corpus: its saved test cases and its newest recorded calls. The Impact panel
 * (through `GET …/simulate/corpus`), the publish review, the mode-switch evidence and canary
 * promotion all measure over exactly this.
 */
export async function loadCorpus(gatewayId: string, recorded = RECORDED_LIMIT): Promise<CorpusCall[]> {
  const [cases, decisions] = await Promise.all([listTestCases(gatewayId), recorded > 0 ? recentCalls(gatewayId, recorded) : Promise.resolve([])]);
  return impactCorpus(cases, decisions);
}

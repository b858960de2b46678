/**
 * `policyToJson` costs about a millisecond per policy here, more than validating a whole set, and an
 * analysis reads every policy of two sets that mostly share their text. Answers are kept by text
 * (bounded), so a policy is converted once per server rather than once per use.
 */
import type { CedarApi } from "@/lib/cedar/cedar-api";

type Answer = ReturnType<CedarApi["policyToJson"]>;

const MAX_ENTRIES = 5_000;
const cache = new Map<string, Answer>();

export function withPolicyJsonCache<C extends Pick<CedarApi, "policyToJson">>(cedar: C): C {
  return {
    ...cedar,
    policyToJson: (policy: Parameters<CedarApi["policyToJson"]>[0]): Answer => {
      if (typeof policy !== "string") return cedar.policyToJson(policy);
      let answer = cache.get(policy);
      if (!answer) {
        answer = cedar.policyToJson(policy);
        if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
        cache.set(policy, answer);
      }
      return answer;
    },
  };
}

/** For benchmarks that measure a cold analysis. */
export function clearPolicyJsonCache(): void {
  cache.clear();
}

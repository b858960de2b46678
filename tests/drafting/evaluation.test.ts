import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { scoreEntry, summarize, summaryLine, type CorpusEntry } from "@/lib/drafting/evaluation";
import { createOfflineDrafter } from "@/lib/drafting/offline-drafter";
import { evalGateway, EVAL_ARN, loadCorpus, runCorpus, toolSet } from "../../eval/drafting/corpus";

/** CI's gate on the offline drafter: never broader than the request, and exact on ≥ 85% of the corpus. */
describe("the offline drafter on the evaluation corpus", () => {
  it("drafts nothing too broad, and is exact on at least 85% (tuned and held-out together)", async () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    const drafter = createOfflineDrafter();
    const { scored, failed } = await runCorpus(corpus, (input) => drafter.draft(input));
    expect(failed).toEqual([]);
    const summary = summarize(scored);
    expect(scored.filter((s) => s.outcome === "too-broad").map((s) => `${s.id}: ${s.request}`)).toEqual([]);
    expect(summary.correct / summary.total, summaryLine(summary)).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it("covers the demo gateways and at least three fixture tool sets, with held-out entries and questions", () => {
    const corpus = loadCorpus();
    const sets = new Set(corpus.map((e) => e.toolSet));
    expect(sets).toContain("demo:refund");
    expect(sets).toContain("demo:orders");
    expect([...sets].filter((s) => s.startsWith("fixture:")).length).toBeGreaterThanOrEqual(3);
    expect(corpus.filter((e) => e.split === "held-out").length).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((e) => e.expect === "question").length).toBeGreaterThanOrEqual(10);
    for (const request of ["Let admins do everything.", "Block order creation for interns.", "Allow process_refund for admins without limit, and for refund-agent up to 100.", "Refunds above 750 dollars are never allowed; refund-agent may refund anything below that."]) {
      expect(corpus.map((e) => e.request)).toContain(request);
    }
  });
});

describe("scoring a draft by its decisions", () => {
  const gw = evalGateway(toolSet("demo:refund").tools);
  const entry: CorpusEntry = {
    id: "t",
    split: "tuned",
    request: "Only the refund-agent role may process refunds under 1000",
    expect: "draft",
    calls: [
      ["process_refund", { amount: 999 }, { role: "refund-agent" }, "ALLOW"],
      ["process_refund", { amount: 5 }, {}, "DENY"],
    ],
  };
  const permit = (when: string) => ({ statement: `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${EVAL_ARN}")${when};`, explanation: "" });
  const score = (e: CorpusEntry, policies: Array<{ statement: string; explanation: string }>, questions: string[] = []) => scoreEntry(cedar, e, gw, { policies, questions });

  it("calls a draft that lets anyone refund too broad, and the one with the role exact", () => {
    expect(score(entry, [permit("")]).outcome).toBe("too-broad");
    expect(score(entry, [permit(' when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 }')])).toMatchObject({ outcome: "exact", correct: true });
  });

  it("calls a draft that denies an expected allow too narrow, and a question asked instead of a draft wrong", () => {
    expect(score(entry, [permit(" when { context.input.amount < 10 && principal.hasTag(\"role\") }")]).outcome).toBe("too-narrow");
    expect(score(entry, [], ["Which role?"])).toMatchObject({ outcome: "asked", correct: false });
  });

  it("counts a question as right where the corpus says the request cannot be expressed, and a draft there as wrong", () => {
    const q: CorpusEntry = { ...entry, expect: "question", calls: [["process_refund", { amount: 5 }, {}, "DENY"]] };
    expect(score(q, [], ["Cedar cannot check the time."])).toMatchObject({ outcome: "asked", correct: true });
    expect(score(q, [permit(' when { principal.hasTag("role") }')])).toMatchObject({ outcome: "drafted", correct: false });
    expect(score(q, [permit("")]).outcome).toBe("too-broad");
  });

  it("judges a draft inserted after the base policies; a drafter that asked is not blamed for what the base allows", () => {
    const based: CorpusEntry = { ...entry, base: "permit(principal, action, resource);", calls: [["process_refund", { amount: 5 }, { role: "intern" }, "DENY"], ["process_refund", { amount: 5 }, {}, "ALLOW"]] };
    const forbid = { statement: `forbid(principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "intern" };`, explanation: "" };
    expect(score(based, [forbid]).outcome).toBe("exact");
    expect(score(based, []).outcome).toBe("too-broad");
    expect(score(based, [], ["Who are interns?"]).outcome).toBe("asked");
    expect(summaryLine(summarize([score(based, [forbid]), score(based, [])]))).toBe("exact 1/2, too broad 1, asked 0");
  });
});

import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicDrafter } from "@/lib/drafting/anthropic";
import { scoreEntry, summarize } from "@/lib/drafting/evaluation";
import { createOfflineDrafter } from "@/lib/drafting/offline-drafter";
import { startFakeAnthropic, type FakeAnthropic, type Scripted } from "../../scripts/fake-anthropic/server";
import { evalGateway, EVAL_ARN, loadCorpus, runCorpus, toolSet } from "../../eval/drafting/corpus";

/**
 * The Claude drafter's prompt and repair loop, checked by the evaluation corpus through the real
 * Anthropic SDK against the fake Messages API. Unscripted, the fake drafts from what the prompt
 * carries (request, tools, schema) with the offline rules, so any loss in the prompt shows up as a
 * different score; scripted answers play a model that is wrong but valid, which the findings,
 * access warnings and the scoring must all catch.
 */
let fake: FakeAnthropic;
const claude = () => createAnthropicDrafter({ apiKey: "sk-ant-corpus-test", model: "claude-test", baseURL: fake.url, maxRetries: 0 });
const corpus = loadCorpus();
const entry = (id: string) => corpus.find((e) => e.id === id)!;
const refunds = evalGateway(toolSet("demo:refund").tools);
const submit = (statement: string, extra: { questions?: string[] } = {}): Scripted => ({ kind: "submit", input: { policies: statement ? [{ statement, explanation: "Refunds." }] : [], assumptions: [], questions: extra.questions ?? [] } });
const refundPermit = (when = "") => `@id("refunds")\npermit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${EVAL_ARN}")${when};`;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.script([]);
  fake.requests.length = 0;
});

describe("the Claude drafter on the evaluation corpus (fake Anthropic API, real SDK)", () => {
  it("scores exactly as the rules it is played by: the prompt carries every request, tool and schema intact", async () => {
    const offline = createOfflineDrafter();
    const [viaClaude, direct] = await Promise.all([runCorpus(corpus, (input) => claude().draft(input), { concurrency: 4 }), runCorpus(corpus, (input) => offline.draft(input))]);
    expect(viaClaude.failed).toEqual([]);
    expect(fake.requests).toHaveLength(corpus.length);
    expect(viaClaude.scored.map((s) => [s.id, s.outcome])).toEqual(direct.scored.map((s) => [s.id, s.outcome]));
    expect(summarize(viaClaude.scored).tooBroad).toBe(0);
  }, 180_000);

  it("repairs an invalid answer with the validator's errors, and the repaired draft decides exactly", async () => {
    const right = refundPermit(' when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 }');
    fake.script([submit(right.replace("context.input.amount", "context.input.amout")), submit(right)]);
    const e = entry("refund-03");
    const result = await claude().draft({ request: e.request, ...refunds });
    expect(result).toMatchObject({ status: "repaired", repairRounds: 1, accessWarnings: [] });
    expect(JSON.stringify(fake.requests[1].body.messages)).toContain("amout");
    expect(scoreEntry(cedar, e, refunds, result).outcome).toBe("exact");
    expect(result.policies[0].statement).toContain('@description("Refunds.")');
  });

  it("flags a valid answer that dropped the role: a warning before applying, and too broad by decisions", async () => {
    fake.script([submit(refundPermit(" when { context.input.amount < 1000 }"))]);
    const e = entry("refund-03");
    const result = await claude().draft({ request: e.request, ...refunds });
    expect(result.status).toBe("valid");
    expect(result.accessWarnings).toEqual([expect.objectContaining({ type: "ANY_PRINCIPAL", policyIds: ["refunds"] })]);
    expect(result.accessWarnings[0].message).toContain("“refund-agent”");
    expect(scoreEntry(cedar, e, refunds, result).outcome).toBe("too-broad");
  });

  it("flags a valid answer that permits everything: ALLOW_ALL in the findings and before applying", async () => {
    fake.script([submit(`@id("everything")\npermit(principal, action, resource);`)]);
    const e = entry("refund-01");
    const result = await claude().draft({ request: e.request, ...refunds });
    expect(result.findings.map((f) => f.type)).toContain("ALLOW_ALL");
    expect(result.accessWarnings.map((w) => w.type)).toEqual(["ALLOW_ALL", "ANY_PRINCIPAL"]);
    expect(scoreEntry(cedar, e, refunds, result).outcome).toBe("too-broad");
  });

  it("counts a question as the right answer where Cedar cannot say the request, and a confident draft there as wrong", async () => {
    const e = entry("refund-14");
    fake.script([submit("", { questions: ["The request has no time; which hours?"] })]);
    expect(scoreEntry(cedar, e, refunds, await claude().draft({ request: e.request, ...refunds }))).toMatchObject({ outcome: "asked", correct: true });
    fake.script([submit(refundPermit(' when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" }'))]);
    expect(scoreEntry(cedar, e, refunds, await claude().draft({ request: e.request, ...refunds }))).toMatchObject({ outcome: "drafted", correct: false });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { PolicySession } from "@/lib/dogwood/session";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { A, bankEngine, bankSchema, call, disposeEngines, GATEWAY, run, scope } from "./support";

afterEach(disposeEngines);

const R = (tool: string, kind = "response", fields = "") => `${A(tool)}::${kind}{ eventResource: resource${fields ? `, ${fields}` : ""} }`;
const lookups = `permit(${scope("get_account_balance")});`;
/** AWS's sample policy 1: a transfer needs a balance response for the same destination within 2 minutes. */
const freshLookup = `permit(${scope("transfer_funds")}) when temporal { formerly within 2m ${R("get_account_balance", "response", "output.accountId: context.input.to_account")} } when { context.input.amount <= 10000 };`;
const decisions = (r: ReturnType<typeof run>) => r.map((d) => d.decision);

describe("a session decided as AgentCore does", () => {
  it("allows the gated call only after the prerequisite completed, and names the event that made the condition true", () => {
    const r = run(bankEngine([lookups, freshLookup]), [
      call("transfer_funds", { to_account: "ACC-2", amount: 500 }),
      call("get_account_balance", { accountId: "ACC-2" }, { output: { accountId: "ACC-2", balance: 10 } }),
      call("transfer_funds", { to_account: "ACC-2", amount: 500 }),
      call("transfer_funds", { to_account: "ACC-9", amount: 500 }),
    ]);
    expect(decisions(r)).toEqual(["DENY", "ALLOW", "ALLOW", "DENY"]);
    expect(r[2].determiningPolicies).toEqual(["p1"]);
    expect(r[2].policies[0].temporal[0]).toMatchObject({ value: true, madeTrueBy: [{ call: 1, kind: "response", tool: "Bank___get_account_balance" }] });
    expect(r[0].recorded).toEqual(["request", "error"]);
    expect(r[1].recorded).toEqual(["request", "response"]);
  });

  it("records an error, not a response, for a denied prerequisite or a failed tool run, so the gated call stays denied", () => {
    const withoutPermit = run(bankEngine([freshLookup]), [call("get_account_balance", { accountId: "A" }, { output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 1 })]);
    expect(decisions(withoutPermit)).toEqual(["DENY", "DENY"]);
    const failed = run(bankEngine([lookups, freshLookup]), [call("get_account_balance", { accountId: "A" }, { outcome: "failed", output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 1 })]);
    expect(decisions(failed)).toEqual(["ALLOW", "DENY"]);
    expect(failed[0].recorded).toEqual(["request", "error"]);
    // An `::error` predicate sees the failure: block a retry of the same account within 10 minutes.
    const noRetry = `forbid(${scope("get_account_balance")}) when temporal { formerly within 10m ${R("get_account_balance", "error", "input.accountId: context.input.accountId")} };`;
    expect(decisions(run(bankEngine([lookups, noRetry]), [call("get_account_balance", { accountId: "A" }, { outcome: "failed" }), call("get_account_balance", { accountId: "A" }), call("get_account_balance", { accountId: "B" })]))).toEqual(["ALLOW", "DENY", "ALLOW"]);
  });

  it("honours the window: closed at W, open beyond, with timestamps in seconds or ISO-8601", () => {
    const e = bankEngine([lookups, freshLookup]);
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
    const steps = (gap: number) => [call("get_account_balance", { accountId: "A" }, { at: 1000, output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 1 }, { at: 1000 + gap })];
    expect(decisions(run(e, steps(120)))).toEqual(["ALLOW", "ALLOW"]);
    expect(decisions(run(e, steps(121)))).toEqual(["ALLOW", "DENY"]);
    expect(decisions(run(e, [call("get_account_balance", { accountId: "A" }, { at: at(0), output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 1 }, { at: at(90) })]))).toEqual(["ALLOW", "ALLOW"]);
  });

  it("counts requests over a window, the current one and denied ones included (AWS's rate limit: the 6th in 5 minutes is denied)", () => {
    const rate = `forbid(${scope("get_account_balance")}) when temporal { count for (t: Timepoint). where (formerly within 5m (${R("get_account_balance", "request")} && tp(t))) > 5 };`;
    const e = bankEngine([lookups, rate]);
    const seven = Array.from({ length: 7 }, (_, i) => call("get_account_balance", { accountId: "A" }, { at: i * 10 }));
    expect(decisions(run(e, seven))).toEqual(["ALLOW", "ALLOW", "ALLOW", "ALLOW", "ALLOW", "DENY", "DENY"]);
    expect(run(e, seven)[5].policies[0].temporal[0].madeTrueBy.map((w) => w.call)).toEqual([0, 1, 2, 3, 4, 5]);
    // After the window has passed the count restarts.
    expect(decisions(run(e, [...seven, call("get_account_balance", { accountId: "A" }, { at: 60 + 301 })]))).toEqual(["ALLOW", "ALLOW", "ALLOW", "ALLOW", "ALLOW", "DENY", "DENY", "ALLOW"]);
  });

  it("sums an integer field over a window (AWS's cap: denied once the running total, this call included, reaches 60000)", () => {
    const permitTransfers = `permit(${scope("transfer_funds")});`;
    const cap = `forbid(${scope("transfer_funds")}) when temporal { exists (total: Long). (sum amt for (amt: Long), (t: Timepoint). where (formerly within 24h (${R("transfer_funds", "request", "input.amount: amt")} && tp(t)))) == total && total >= 60000 };`;
    const steps = [10000, 20000, 10000, 19999, 1, 5].map((amount) => call("transfer_funds", { to_account: "B", amount }));
    expect(decisions(run(bankEngine([permitTransfers, cap]), steps))).toEqual(["ALLOW", "ALLOW", "ALLOW", "ALLOW", "DENY", "DENY"]);
  });

  it("correlates a current field with an earlier event's field, and depends on an output the user did not give", () => {
    const r = run(bankEngine([lookups, freshLookup]), [call("get_account_balance", { accountId: "A" }), call("transfer_funds", { to_account: "A", amount: 1 })]);
    expect(r[1]).toMatchObject({ decision: "UNDECIDED", determiningPolicies: [], dependsOn: [{ policy: "p1", on: [expect.stringMatching(/the response event of call #1 \(Bank___get_account_balance\) has no `output.accountId`/)] }] });
    // With the amount over the permit's limit the missing output does not matter: the call is denied either way.
    expect(run(bankEngine([lookups, freshLookup]), [call("get_account_balance", { accountId: "A" }), call("transfer_funds", { to_account: "A", amount: 20000 })])[1].decision).toBe("DENY");
  });

  it("consumes a one-time approval with `!… since …` (AWS's approval gate)", () => {
    const permitApprove = `permit(${scope("approve_transfer")});`;
    const gate = `permit(${scope("transfer_funds")}) when temporal { !${R("transfer_funds")} since within 30m ${R("approve_transfer")} };`;
    const r = run(bankEngine([permitApprove, gate]), [
      call("transfer_funds", { to_account: "B", amount: 1 }),
      call("approve_transfer", { requestId: "R1" }),
      call("transfer_funds", { to_account: "B", amount: 1 }),
      call("transfer_funds", { to_account: "B", amount: 1 }),
      call("approve_transfer", { requestId: "R2" }),
      call("transfer_funds", { to_account: "B", amount: 1 }, { outcome: "failed" }),
      call("transfer_funds", { to_account: "B", amount: 1 }),
    ]);
    // A failed transfer records an error, not a response, so it does not consume the approval.
    expect(decisions(r)).toEqual(["DENY", "ALLOW", "ALLOW", "DENY", "ALLOW", "ALLOW", "ALLOW"]);
    expect(r[2].policies[0].temporal[0].madeTrueBy).toEqual([{ call: 1, kind: "response", tool: "Bank___approve_transfer" }]);
  });

  it("says an enum field's comparison depends on the service instead of guessing", () => {
    const approved = `permit(${scope("transfer_funds")}) when temporal { formerly within 1h ${R("approve_transfer", "response", 'input.status: "approved"')} };`;
    const r = run(bankEngine([`permit(${scope("approve_transfer")});`, approved]), [call("approve_transfer", { requestId: "R", status: "approved" }), call("transfer_funds", { to_account: "B", amount: 1 })]);
    expect(r[1]).toMatchObject({ decision: "UNDECIDED", dependsOn: [{ on: [expect.stringMatching(/how the service compares `input.status` of Bank___approve_transfer \(an enum field\)/)] }] });
  });

  it("treats a later condition on an undecided call as undecided, unless its answer is the same either way", () => {
    const e = bankEngine([lookups, freshLookup, `permit(${scope("send_message")}) when temporal { formerly within 1h ${R("transfer_funds")} };`, `permit(${scope("approve_transfer")}) when temporal { formerly within 1h ${R("transfer_funds", "request")} };`]);
    const r = run(e, [call("get_account_balance", { accountId: "A" }), call("transfer_funds", { to_account: "A", amount: 1 }), call("send_message", { message: "hi" }), call("approve_transfer", { requestId: "R" })]);
    expect(r[1].decision).toBe("UNDECIDED");
    expect(r[1].recorded).toEqual(["request", "response or error"]);
    expect(r[2]).toMatchObject({ decision: "UNDECIDED", dependsOn: [{ policy: "p2", on: ["whether earlier call #2 was allowed (its decision is undecided)"] }] });
    // The request event is recorded whatever the decision, so a `::request` condition is decided.
    expect(r[3]).toMatchObject({ decision: "ALLOW", determiningPolicies: ["p3"] });
  });

  it("reports a construct it does not evaluate as what the decision depends on", () => {
    const macro = `permit(${scope("transfer_funds")}) when temporal { once(1h, ${R("get_account_balance")}) };`;
    const r = run(bankEngine([macro]), [call("transfer_funds", { to_account: "A", amount: 1 }), call("get_account_balance", { accountId: "A" })]);
    expect(r.map((d) => [d.decision, d.dependsOn.flatMap((x) => x.on)])).toEqual([
      ["UNDECIDED", ["a macro call, which the console does not expand"]],
      ["DENY", []],
    ]);
  });

  it("keeps AgentCore's combination: a satisfied forbid wins, only ACTIVE policies decide, LOG_ONLY ones report matches and flips", () => {
    const canaryForbid: [string, string, "LOG_ONLY"] = ["canary_forbid", `forbid(${scope("transfer_funds")}) when temporal { formerly within 1h ${R("get_account_balance")} };`, "LOG_ONLY"];
    const canaryPermit: [string, string, "LOG_ONLY"] = ["canary_permit", `permit(${scope("transfer_funds")}) when temporal { formerly within 1h ${R("get_account_balance", "request")} };`, "LOG_ONLY"];
    const e = bankEngine([lookups, freshLookup, canaryForbid, canaryPermit]);
    const r = run(e, [call("get_account_balance", { accountId: "A" }, { output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 1 }), call("transfer_funds", { to_account: "Z", amount: 1 })]);
    expect(r[1]).toMatchObject({ decision: "ALLOW", determiningPolicies: ["p1"], logOnly: { matched: ["canary_forbid", "canary_permit"], flips: ["canary_forbid"], undecided: [] } });
    expect(r[2]).toMatchObject({ decision: "DENY", determiningPolicies: [], logOnly: { flips: ["canary_permit"] } });
    const withForbid = bankEngine([lookups, freshLookup, `forbid(${scope("transfer_funds")}) when { context.input.amount > 100 };`]);
    expect(run(withForbid, [call("get_account_balance", { accountId: "A" }, { output: { accountId: "A" } }), call("transfer_funds", { to_account: "A", amount: 101 })])[1]).toMatchObject({ decision: "DENY", determiningPolicies: ["p2"] });
  });
});

describe("guardrail conditions in a session", () => {
  const violence = `forbid(${scope("send_message")}) when guardrails { BedrockGuardrails::ContentFilter(["VIOLENCE"], [context.input.message])["VIOLENCE"].confidenceScore.greaterThanOrEqual(decimal("0.5")) };`;
  const base = `permit(${scope("send_message")});`;

  it("takes the score set for the call (default: no detection) and names its source", () => {
    const r = run(bankEngine([base, violence]), [
      call("send_message", { message: "hello" }),
      call("send_message", { message: "…" }, { guardrails: [{ type: "ContentFilter", category: "VIOLENCE", score: 0.8 }] }),
      call("send_message", { message: "…" }, { guardrails: [{ type: "ContentFilter", category: "VIOLENCE", score: 0.5 }] }),
      call("send_message", { message: "…" }, { guardrails: [{ type: "ContentFilter", category: "HATE", score: 0.9 }] }),
    ]);
    expect(decisions(r)).toEqual(["ALLOW", "DENY", "DENY", "ALLOW"]);
    expect(r[0].policies[0].guardrails).toEqual([{ span: expect.anything(), name: "BedrockGuardrails::ContentFilter", value: 'decimal("0.0000")', source: "default: no detection" }]);
    expect(r[1].policies[0].guardrails[0]).toMatchObject({ value: 'decimal("0.8000")', source: "set by you" });
  });

  it("counts SensitiveInformation detections and depends on the service where no detection leaves the score open", () => {
    const pii = `forbid(${scope("send_message")}) when guardrails { BedrockGuardrails::SensitiveInformation(["EMAIL", "PHONE"], [context.input.message]).count() > 0 };`;
    const maxPii = `forbid(${scope("send_message")}) when guardrails { BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.input.message]).maxConfidenceScore().greaterThan(decimal("0.5")) };`;
    expect(decisions(run(bankEngine([base, pii]), [call("send_message", { message: "a" }), call("send_message", { message: "b" }, { guardrails: [{ type: "SensitiveInformation", category: "PHONE", score: 0.99 }] })]))).toEqual(["ALLOW", "DENY"]);
    const r = run(bankEngine([base, maxPii]), [call("send_message", { message: "a" }), call("send_message", { message: "b" }, { guardrails: [{ type: "SensitiveInformation", category: "EMAIL", score: 0.3 }] })]);
    expect(r[0]).toMatchObject({ decision: "UNDECIDED", dependsOn: [{ on: [expect.stringMatching(/maxConfidenceScore\(\) when nothing is detected/)] }] });
    expect(r[1].decision).toBe("ALLOW");
  });

  it("reports which ACTIVE suppressOutput policies would suppress an allowed call's response", () => {
    const suppress = `suppressOutput(${scope("send_message")}) when guardrails { BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.output.text]).count() > 0 };`;
    const r = run(bankEngine([base, suppress]), [
      call("send_message", { message: "a" }),
      call("send_message", { message: "b" }, { guardrails: [{ type: "SensitiveInformation", category: "EMAIL", score: 0.9, on: "output" }] }),
      call("send_message", { message: "c" }, { guardrails: [{ type: "SensitiveInformation", category: "EMAIL", score: 0.9 }] }),
    ]);
    expect(r.map((d) => [d.decision, d.outputSuppressedBy?.policies])).toEqual([
      ["ALLOW", []],
      ["ALLOW", ["p1"]],
      ["ALLOW", []],
    ]);
  });
});

describe("the two phases the local gateway uses", () => {
  it("decides before the tool runs and records its result after, and says when a session id is required", () => {
    const e = bankEngine([lookups, freshLookup]);
    expect(e.temporal).toBe(true);
    expect(bankEngine([lookups]).temporal).toBe(false);
    const session = new PolicySession(e, "sess-1");
    const req = (tool: string, args: Record<string, unknown>) => {
      const built = buildRequest({ principal: { sub: "u" }, toolName: `Bank___${tool}`, args, gatewayArn: GATEWAY, schemaJson: bankSchema });
      if (!built.ok) throw new Error(built.error);
      return { request: built.request, args };
    };
    const first = session.decide(req("get_account_balance", { accountId: "A" }));
    expect(first.decision).toBe("ALLOW");
    session.complete(first, { outcome: "completed", output: { accountId: "A" } });
    const second = session.decide(req("transfer_funds", { to_account: "A", amount: 5 }));
    expect(second).toMatchObject({ decision: "ALLOW", policies: [{ temporal: [{ madeTrueBy: [{ call: 0, kind: "response" }] }] }] });
  });
});

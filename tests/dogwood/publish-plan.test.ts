import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import type { GatewayDetail } from "@/lib/agentcore/types";
import { authorizerFor } from "@/lib/gateway/authorize-call";
import { PolicySession } from "@/lib/dogwood/session";
import { planPublish, type PublishedPolicy } from "@/lib/publishing/plan";
import { toDocument } from "@/lib/workspace/document";
import { A, BANK_TOOLS, bankSchema, GATEWAY, scope } from "./support";

const TEMPORAL = `permit(${scope("transfer_funds")})\nwhen temporal {\n  formerly within 2m ${A("get_account_balance")}::response{ eventResource: resource, output.accountId: context.input.to_account }\n};`;
const PLAIN = `permit(${scope("get_account_balance")});`;
const pol = (name: string, statement: string, extra: Partial<PublishedPolicy> = {}): PublishedPolicy => ({ policyId: `${name}-id`, name, description: "", statement, enforcementMode: "ACTIVE", definitionKind: "cedar", ...extra });
const plan = (text: string, published: PublishedPolicy[]) => planPublish(cedar, { text, published, schemaJson: bankSchema, tools: BANK_TOOLS });
const named = (name: string, statement: string) => `@id("${name}")\n${statement}`;

describe("a publish plan with Dogwood statements", () => {
  it("validates a Dogwood draft by its stateless part and leaves an unchanged temporal policy alone", () => {
    const published = [pol("lookups", PLAIN), pol("fresh_lookup", TEMPORAL, { definitionKind: "policy" })];
    const p = plan(toDocument(published), published);
    expect(p.errors).toEqual([]);
    expect(p.ok).toBe(true);
    expect(p.operations).toEqual([]);
    expect(p.warnings.map((w) => w.message)).toEqual([expect.stringContaining("checked by the service when published")]);
  });

  it("creates a new Dogwood statement under policy and a plain one under cedar; an edit of a policy-kind statement stays under policy", () => {
    const published = [pol("lookups", PLAIN, { definitionKind: "policy" })];
    const text = [named("lookups", PLAIN.replace(");", ") when { context.input.accountId != \"\" };")), named("fresh_lookup", TEMPORAL), named("reads", `permit(${scope("send_message")});`)].join("\n\n");
    const p = plan(text, published);
    expect(p.ok).toBe(true);
    expect(p.operations.map((o) => [o.op, o.name, o.create?.definitionKind ?? o.update?.definitionKind])).toEqual([
      ["update", "lookups", "policy"],
      ["create", "fresh_lookup", "policy"],
      ["create", "reads", "cedar"],
    ]);
  });

  it("never deletes a policy whose statement the engine did not return, and never re-sends a failed generated policy unchanged", () => {
    const generation = { policyGenerationId: "g1", policyGenerationAssetId: "g1-0" };
    const opaque = pol("generated", "", { definitionKind: "policyGeneration", generation, statementNote: "the asset is gone" } as Partial<PublishedPolicy>);
    const failedGenerated = pol("generated_failed", PLAIN, { definitionKind: "policyGeneration", status: "UPDATE_FAILED" });
    const p = plan(toDocument([opaque, failedGenerated]), [opaque, failedGenerated]);
    expect(toDocument([opaque])).toBe('// "generated" is kept as the engine holds it: the asset is gone\n');
    expect(p.operations).toEqual([]);
    expect(p.policies.map((x) => [x.name, x.change])).toEqual([["generated_failed", "unchanged"], ["generated", "unchanged"]]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('"generated_failed" UPDATE_FAILED; it is held under definition.policyGeneration'),
      '"generated" is kept as the engine holds it (definition.policyGeneration): the asset is gone',
    ]);
  });

  it("refuses to publish what the Dogwood checks reject, with the line and column", () => {
    const p = plan(named("bad", TEMPORAL.replace("2m", "2w")), []);
    expect(p.ok).toBe(false);
    expect(p.errors).toMatchObject([{ message: "`2w` is not a window.", line: 4, column: 19, policy: "bad" }]);
  });
});

describe("the local MCP gateway's authorizer", () => {
  it("decides a call a Dogwood policy could decide in its policy session, not as if the policy were not there", () => {
    const gateway = {
      gatewayArn: GATEWAY,
      authorizer: { type: "CUSTOM_JWT", summary: "" },
      targets: [{ tools: BANK_TOOLS }],
    } as unknown as GatewayDetail;
    const published = [
      { name: "lookups", statement: PLAIN, enforcementMode: "ACTIVE" },
      { name: "no_repeat", statement: `forbid(${scope("transfer_funds")}) when temporal { formerly within 1h ${A("transfer_funds")}::response{ eventResource: resource } };`, enforcementMode: "ACTIVE" },
      { name: "transfers", statement: `permit(${scope("transfer_funds")});`, enforcementMode: "ACTIVE" },
    ] as never;
    const auth = authorizerFor(gateway, published);
    expect(auth.temporal).toBe(true);
    const session = new PolicySession(auth.engine, "s1");
    const principal = { sub: "u", claims: {} };
    expect(auth.authorize({ principal, tool: "Bank___get_account_balance", args: { accountId: "A" } }, session)).toMatchObject({ decision: "ALLOW", determiningPolicies: ["lookups"] });
    const first = auth.authorize({ principal, tool: "Bank___transfer_funds", args: { to_account: "A", amount: 1 } }, session);
    expect(first).toMatchObject({ decision: "ALLOW", determiningPolicies: ["transfers"], sessionCall: 1 });
    first.complete!({ outcome: "completed" });
    expect(auth.authorize({ principal, tool: "Bank___transfer_funds", args: { to_account: "A", amount: 1 } }, session)).toMatchObject({
      decision: "DENY",
      determiningPolicies: ["no_repeat"],
      temporal: [{ policy: "no_repeat", madeTrueBy: [{ call: 1, kind: "response", tool: "Bank___transfer_funds" }] }],
    });
  });
});

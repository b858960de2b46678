import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it, vi } from "vitest";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { loadToolSet, REFUND_GATEWAY } from "./fixtures";

const schema = generateSchema(loadToolSet("demo-refund").tools).json;
const REFUND = "RefundTarget___process_refund";
const permit = (limit: number) => `permit(principal, action == AgentCore::Action::"${REFUND}", resource) when { context.input.amount < ${limit} };`;

/** A fresh copy of the compiler module, as a bundler's second chunk would load it, over the same cedar-wasm instance. */
async function compilerCopy() {
  vi.resetModules();
  return import("@/lib/cedar/authorize");
}

describe("sets preparsed by two copies of the compiler", () => {
  it("keep their own policies: a second copy never replaces the first one's set", async () => {
    const a = await compilerCopy();
    const b = await compilerCopy();
    expect(a).not.toBe(b);
    const low = a.compilePolicySet(cedar, { policies: [{ id: "low", text: permit(100), enforcementMode: "ACTIVE" }], schemaJson: schema });
    const high = b.compilePolicySet(cedar, { policies: [{ id: "high", text: permit(10_000), enforcementMode: "ACTIVE" }], schemaJson: schema });
    const built = buildRequest({ principal: { sub: "agent", claims: {} }, toolName: REFUND, args: { amount: 500 }, gatewayArn: REFUND_GATEWAY, schemaJson: schema });
    if (!built.ok) throw new Error(built.error);
    expect(a.evaluate(low, built.request)).toMatchObject({ decision: "DENY", determiningPolicies: [] });
    expect(b.evaluate(high, built.request)).toMatchObject({ decision: "ALLOW", determiningPolicies: ["high"] });
    a.disposeCompiled(low);
    b.disposeCompiled(high);
  });
});

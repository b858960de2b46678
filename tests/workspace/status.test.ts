import { describe, expect, it } from "vitest";
import type { EnginePolicy } from "@/lib/agentcore/types";
import { toDocument } from "@/lib/workspace/document";
import { draftState, gatewayStatuses } from "@/lib/workspace/status";

const policy = (name: string): EnginePolicy =>
  ({ policyId: name, name, description: "", statement: "permit(principal, action, resource);", status: "ACTIVE", enforcementMode: "ACTIVE", statusReasons: [] }) as unknown as EnginePolicy;
const engine = (id: string) => ({ policyEngineId: id, policyEngineArn: `arn:${id}`, mode: "ENFORCE" as const });

describe("a gateway's status at a glance", () => {
  it("calls a saved draft unpublished only when it differs from the published document", () => {
    const published = [policy("a")];
    expect(draftState(undefined, published)).toBe("none");
    expect(draftState(`\n${toDocument(published)}\n\n`, published)).toBe("published");
    expect(draftState(`${toDocument(published)}// more\n`, published)).toBe("unpublished");
    expect(draftState("", [])).toBe("published");
  });

  it("reads each engine's policies once, all drafts in one query, and reports an unreadable engine without failing the rest", async () => {
    const reads: string[] = [];
    const deps = {
      async listPolicies(id: string) {
        reads.push(id);
        if (id === "broken") throw new Error("AccessDenied");
        return id === "shared" ? [policy("a"), policy("b")] : [];
      },
      listDraftTexts: async () => new Map([["g1", "forbid(principal, action, resource);"]]),
    };
    const statuses = await gatewayStatuses(
      [
        { gatewayId: "g1", policyEngine: engine("shared") },
        { gatewayId: "g2", policyEngine: engine("shared") },
        { gatewayId: "g3", policyEngine: engine("broken") },
        { gatewayId: "g4", policyEngine: null },
      ],
      deps,
    );
    expect(reads.sort()).toEqual(["broken", "shared"]);
    expect(statuses).toEqual({
      g1: { policyCount: 2, draft: "unpublished" },
      g2: { policyCount: 2, draft: "none" },
      g3: { policyCount: null, draft: null, error: "AccessDenied" },
      g4: { policyCount: 0, draft: "none" },
    });
  });

  it("still counts policies when the drafts cannot be read", async () => {
    const statuses = await gatewayStatuses([{ gatewayId: "g", policyEngine: engine("e") }], {
      listPolicies: async () => [policy("a")],
      listDraftTexts: () => Promise.reject(new Error("db down")),
    });
    expect(statuses.g).toEqual({ policyCount: 1, draft: null });
  });
});

import { describe, expect, it } from "vitest";
import { nameDraftedPolicies, policyName, toEngineName } from "@/lib/drafting/policy-names";

const ENGINE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

describe("names and descriptions of drafted policies", () => {
  it("names a policy for what it does, within the engine's 48 characters, unique in the draft", () => {
    const used = new Set<string>();
    expect(policyName({ effect: "permit", roles: ["refund-agent"], tools: ["process_refund"], conditions: ["under_1000"] }, used)).toBe("permit_refund_agent_process_refund_under_1000");
    expect(policyName({ effect: "permit", roles: ["refund-agent"], tools: ["process_refund"], conditions: ["under_1000"] }, used)).toBe("permit_refund_agent_process_refund_under_1000_2");
    const long = policyName({ effect: "forbid", roles: ["support-viewer", "release-manager"], tools: ["create_pull_request", "merge_pull_request"], conditions: ["not_squash_or_rebase"] }, used);
    expect(long).toMatch(ENGINE_NAME);
    expect(long.startsWith("forbid_support_viewer")).toBe(true);
  });

  it("gives every drafted policy a valid id that does not reuse a published name, and a @description from its explanation", () => {
    const named = nameDraftedPolicies(
      [
        { statement: '@id("refund limit!")\npermit(principal, action, resource);', explanation: 'Permits refunds "under" $1000 for agents.' },
        { statement: "forbid(principal, action, resource);", explanation: "Forbids everything." },
        { statement: '@id("refund_limit_policy")\n@description("kept")\npermit(principal, action, resource);', explanation: "x" },
      ],
      ["refund_limit_policy"],
    );
    const ids = named.map((p) => /@id\("([^"]+)"\)/.exec(p.statement)![1]);
    expect(ids).toEqual(["refund_limit", "drafted_policy_2", "refund_limit_policy_2"]);
    ids.forEach((id) => expect(id).toMatch(ENGINE_NAME));
    expect(named[0].statement).toContain('@description("Permits refunds \\"under\\" $1000 for agents.")');
    expect(named[2].statement.match(/@description/g)).toHaveLength(1);
    expect(toEngineName("9 lives / policy")).toBe("lives_policy");
  });
});

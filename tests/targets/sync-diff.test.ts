import { describe, expect, it } from "vitest";
import { cedar } from "@/lib/cedar/server";
import { affectedPolicies, diffTools } from "@/lib/targets/sync-diff";

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", properties, ...(required.length ? { required } : {}) });
const priority = { type: "string", enum: ["low", "normal", "high", "urgent"] };

const before = [
  {
    name: "create_ticket",
    inputSchema: obj(
      { title: { type: "string" }, priority, requester: obj({ email: { type: "string" }, team: { type: "string", enum: ["support", "sales"] } }, ["email", "team"]), tags: { type: "array", items: { type: "string" } } },
      ["title", "priority", "requester"],
    ),
  },
  { name: "get_ticket", inputSchema: obj({ ticketId: { type: "string" } }, ["ticketId"]) },
  { name: "escalate_ticket", inputSchema: obj({ ticketId: { type: "string" }, level: { type: "string", enum: ["tier2", "tier3"] }, reason: { type: "string" } }) },
];
const after = [
  {
    name: "create_ticket",
    inputSchema: obj(
      { title: { type: "string" }, priority: { type: "integer" }, requester: obj({ email: { type: "string" } }, ["email"]), tags: { type: "array", items: { type: "string" } }, dueDate: { type: "string" } },
      ["priority", "requester"],
    ),
  },
  { name: "search_tickets", inputSchema: obj({ query: { type: "string" } }) },
  { name: "escalate_ticket", inputSchema: obj({ ticketId: { type: "string" }, level: { type: "string", enum: ["tier2", "tier3"] }, reason: { type: "string", description: "Why" } }) },
];

describe("re-sync diff of an MCP server's tools", () => {
  const diff = diffTools(before, after);

  it("lists tools added, removed and changed", () => {
    expect(diff.added).toEqual(["search_tickets"]);
    expect(diff.removed).toEqual(["get_ticket"]);
    expect(diff.changed.map((c) => c.name)).toEqual(["create_ticket", "escalate_ticket"]);
  });

  it("says which fields changed and how, once per change", () => {
    expect(diff.changed[0].fields).toEqual([
      { path: "title", change: "now-optional", from: "string", to: "string" },
      { path: "priority", change: "type-changed", from: 'string enum("high"|"low"|"normal"|"urgent")', to: "integer" },
      { path: "requester.team", change: "removed", from: 'string enum("sales"|"support")' },
      { path: "dueDate", change: "added", to: "string" },
    ]);
  });

  it("counts a schema whose fields are the same but whose descriptions changed as changed, with no field changes", () => {
    expect(diff.changed[1]).toEqual({ name: "escalate_ticket", fields: [] });
  });

  it("reports a retyped parent once, not each field under it", () => {
    const d = diffTools([{ name: "t", inputSchema: obj({ a: obj({ b: { type: "string" }, c: { type: "integer" } }) }) }], [{ name: "t", inputSchema: obj({ a: { type: "string" } }) }]);
    expect(d.changed[0].fields).toEqual([{ path: "a", change: "type-changed", from: "object", to: "string" }]);
  });

  it("sees changes inside array elements", () => {
    const item = (sku: unknown) => obj({ items: { type: "array", items: obj({ sku }) } });
    const d = diffTools([{ name: "t", inputSchema: item({ type: "string" }) }], [{ name: "t", inputSchema: item({ type: "integer" }) }]);
    expect(d.changed[0].fields).toEqual([{ path: "items[].sku", change: "type-changed", from: "string", to: "integer" }]);
  });
});

describe("policies a re-sync breaks", () => {
  const policies = `@id("urgent-needs-support")
permit(principal, action == AgentCore::Action::"Helpdesk___create_ticket", resource)
when { context.input.priority == "urgent" && context.input.requester.team == "support" };

@id("read-tickets")
permit(principal, action in [AgentCore::Action::"Helpdesk___get_ticket", AgentCore::Action::"Helpdesk___search_tickets"], resource);

@id("tags-present")
permit(principal, action == AgentCore::Action::"Helpdesk___create_ticket", resource) when { context.input has tags };

@id("no-passwords-in-titles")
forbid(principal, action, resource) when { context has input && context.input has title && context.input.title like "*password*" };

permit(principal, action == AgentCore::Action::"Helpdesk___escalate_ticket", resource) when { context.input.level == "tier3" };

@id("after-creating")
permit(principal, action == AgentCore::Action::"Helpdesk___get_ticket", resource)
when temporal { formerly within 1h AgentCore::Action::"Helpdesk___create_ticket" };
`;
  const affected = affectedPolicies(cedar, policies, "Helpdesk", diffTools(before, after));

  it("names each policy by its @id and says why", () => {
    expect(affected.map((a) => [a.policyId, a.messages])).toEqual([
      [
        "urgent-needs-support",
        [
          'reads context.input.priority, whose type in Helpdesk___create_ticket changes from string enum("high"|"low"|"normal"|"urgent") to integer.',
          "reads context.input.requester.team, which Helpdesk___create_ticket no longer has.",
        ],
      ],
      ["read-tickets", ["names Helpdesk___get_ticket, which the server no longer lists."]],
      ["no-passwords-in-titles", ["reads context.input.title, which becomes optional in Helpdesk___create_ticket: reading it needs a `has` check."]],
      ["after-creating", ["names Helpdesk___get_ticket, which the server no longer lists."]],
    ]);
  });

  it("reads a policy Cedar cannot parse (Dogwood) from its text, and says so", () => {
    expect(affected.find((a) => a.policyId === "after-creating")).toMatchObject({ readFromText: true, startLine: 16 });
  });

  it("leaves untouched policies out, and finds nothing when nothing breaking changed", () => {
    expect(affected.map((a) => a.policyId)).not.toContain("tags-present");
    expect(affectedPolicies(cedar, policies, "Helpdesk", { added: ["x"], removed: [], changed: [] })).toEqual([]);
  });

  it("matches tools by the target's prefix only", () => {
    expect(affectedPolicies(cedar, policies, "Other", diffTools(before, after))).toEqual([
      expect.objectContaining({ policyId: "no-passwords-in-titles" }),
    ]);
  });
});

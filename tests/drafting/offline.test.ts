import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftOffline } from "@/lib/drafting/offline";
import type { DraftTool } from "@/lib/drafting/types";
import { decider, DEMO_TOOLS, gatewayOf } from "./support";

const demo = gatewayOf(DEMO_TOOLS);
const FILES: DraftTool[] = [
  { name: "Fs___read_file", description: "Read a file", inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
  { name: "Fs___list_directory", description: "List a directory", inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
  { name: "Fs___write_file", description: "Write a file", inputSchema: { type: "object", properties: { path: { type: "string" }, content: { type: "string" } }, required: ["path", "content"] } },
  { name: "Fs___delete_file", description: "Delete a file", inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
];
const files = gatewayOf(FILES);
const PAY: DraftTool[] = [
  { name: "Pay___create_payment", description: "Charge a card", inputSchema: { type: "object", properties: { amount: { type: "number" }, currency: { type: "string" } }, required: ["amount", "currency"] } },
  { name: "Pay___get_payment", description: "Read a payment", inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
];
const pay = gatewayOf(PAY);

// Tools whose names carry no verb: the drafter reads their descriptions.
const DESK: DraftTool[] = [
  { name: "Helpdesk___ticket_lookup", description: "Looks up a support ticket by id", inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
  { name: "Helpdesk___ticket_history", description: "Returns the history of a ticket", inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
  { name: "Helpdesk___ticket_escalate", description: "Modifies a ticket's priority", inputSchema: { type: "object", properties: { id: { type: "string" }, level: { type: "integer" } }, required: ["id", "level"] } },
];
const desk = gatewayOf(DESK);

const fixture = (name: string) => gatewayOf(JSON.parse(readFileSync(`tests/fixtures/tools/${name}.json`, "utf8")).tools as DraftTool[]);
const [github, slack, postgres, stripe, filesystem] = ["github", "slack", "postgres", "stripe", "filesystem"].map(fixture);
const repo = { owner: "o", repo: "r" };

const order = { orderId: "o-1" };
const newOrder = { customerId: "c", items: [{ sku: "s", quantity: 1 }], shippingAddress: { line1: "x", city: "y", country: "US" }, total: 10 };
type Expect = [tool: string, args: Record<string, unknown>, claims: Record<string, unknown>, decision: "ALLOW" | "DENY"];

const CASES: Array<{ gw: ReturnType<typeof gatewayOf>; request: string; expect: Expect[] }> = [
  {
    gw: demo,
    request: "Order information may be viewed, but updates and creation are prohibited",
    expect: [
      ["OrdersTarget___get_order", order, {}, "ALLOW"],
      ["OrdersTarget___list_orders", {}, {}, "ALLOW"],
      ["OrdersTarget___update_order", order, {}, "DENY"],
      ["OrdersTarget___create_order", newOrder, {}, "DENY"],
    ],
  },
  {
    gw: demo,
    request: "Only the refund-agent role may process refunds, and only under $1000",
    expect: [
      ["RefundTarget___process_refund", { amount: 999 }, { role: "refund-agent" }, "ALLOW"],
      ["RefundTarget___process_refund", { amount: 1000 }, { role: "refund-agent" }, "DENY"],
      ["RefundTarget___process_refund", { amount: 5 }, { role: "intern" }, "DENY"],
      ["RefundTarget___process_refund", { amount: 5 }, {}, "DENY"],
    ],
  },
  { gw: demo, request: "Anyone may process refunds up to $500", expect: [["RefundTarget___process_refund", { amount: 500 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 501 }, {}, "DENY"]] },
  { gw: demo, request: "Refunds of at most 250 dollars are allowed", expect: [["RefundTarget___process_refund", { amount: 250 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 251 }, {}, "DENY"]] },
  { gw: demo, request: "Agents can process refunds below 1k", expect: [["RefundTarget___process_refund", { amount: 999 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 1000 }, {}, "DENY"]] },
  { gw: demo, request: "Allow refunds between 10 and 100", expect: [["RefundTarget___process_refund", { amount: 10 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 100 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 9 }, {}, "DENY"], ["RefundTarget___process_refund", { amount: 101 }, {}, "DENY"]] },
  { gw: demo, request: "Allow refunds of at least 20", expect: [["RefundTarget___process_refund", { amount: 20 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 19 }, {}, "DENY"]] },
  {
    gw: demo,
    request: "Anyone may process refunds. Refunds over $5,000 are prohibited.",
    expect: [["RefundTarget___process_refund", { amount: 5000 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 5001 }, {}, "DENY"]],
  },
  { gw: demo, request: "Nobody may cancel orders", expect: [["OrdersTarget___cancel_order", order, {}, "DENY"], ["OrdersTarget___get_order", order, {}, "DENY"]] },
  { gw: demo, request: "Orders can be read by anyone", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___list_orders", {}, {}, "ALLOW"], ["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Allow get_order", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___list_orders", {}, {}, "DENY"]] },
  { gw: demo, request: "Permit OrdersTarget___list_orders", expect: [["OrdersTarget___list_orders", {}, {}, "ALLOW"], ["OrdersTarget___get_order", order, {}, "DENY"]] },
  { gw: demo, request: "The support-viewer role may view orders", expect: [["OrdersTarget___get_order", order, { role: "support-viewer" }, "ALLOW"], ["OrdersTarget___get_order", order, { role: "admin" }, "DENY"]] },
  { gw: demo, request: 'Only users with role "admin" can cancel orders', expect: [["OrdersTarget___cancel_order", order, { role: "admin" }, "ALLOW"], ["OrdersTarget___cancel_order", order, { role: "viewer" }, "DENY"]] },
  { gw: demo, request: "Admins role can update orders; orders may be listed", expect: [["OrdersTarget___update_order", order, { role: "admins" }, "ALLOW"], ["OrdersTarget___list_orders", {}, {}, "ALLOW"]] },
  { gw: demo, request: "Order creation is allowed, but cancelling orders is forbidden", expect: [["OrdersTarget___create_order", newOrder, {}, "ALLOW"], ["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Orders may be created only with a total under 5000", expect: [["OrdersTarget___create_order", { ...newOrder, total: 4999 }, {}, "ALLOW"], ["OrdersTarget___create_order", { ...newOrder, total: 5000 }, {}, "DENY"]] },
  { gw: demo, request: "Deletion of orders must not happen", expect: [["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Allow everything", expect: [["OrdersTarget___cancel_order", order, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 1e6 }, {}, "ALLOW"]] },
  { gw: demo, request: "Agents may view and update orders", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___update_order", order, {}, "ALLOW"], ["OrdersTarget___create_order", newOrder, {}, "DENY"]] },
  { gw: files, request: "Files may be read but never written or deleted", expect: [["Fs___read_file", { path: "a" }, {}, "ALLOW"], ["Fs___list_directory", { path: "/" }, {}, "DENY"], ["Fs___write_file", { path: "a", content: "" }, {}, "DENY"], ["Fs___delete_file", { path: "a" }, {}, "DENY"]] },
  { gw: files, request: "Allow reading files", expect: [["Fs___read_file", { path: "a" }, {}, "ALLOW"], ["Fs___write_file", { path: "a", content: "" }, {}, "DENY"]] },
  { gw: files, request: "Only the maintainer role can delete files", expect: [["Fs___delete_file", { path: "a" }, { role: "maintainer" }, "ALLOW"], ["Fs___delete_file", { path: "a" }, { role: "reader" }, "DENY"]] },
  { gw: files, request: "Anyone can list directories", expect: [["Fs___list_directory", { path: "/" }, {}, "ALLOW"], ["Fs___read_file", { path: "a" }, {}, "DENY"]] },
  { gw: files, request: "Writing files is allowed for the editor role", expect: [["Fs___write_file", { path: "a", content: "" }, { role: "editor" }, "ALLOW"], ["Fs___write_file", { path: "a", content: "" }, {}, "DENY"]] },
  { gw: pay, request: "Payments under $100.50 may be created", expect: [["Pay___create_payment", { amount: 100.49, currency: "USD" }, {}, "ALLOW"], ["Pay___create_payment", { amount: 100.5, currency: "USD" }, {}, "DENY"]] },
  { gw: pay, request: "Payments may be read by anyone", expect: [["Pay___get_payment", { id: "p" }, {}, "ALLOW"], ["Pay___create_payment", { amount: 1, currency: "USD" }, {}, "DENY"]] },
  { gw: pay, request: "Only the billing role may create payments, at most 2000", expect: [["Pay___create_payment", { amount: 2000, currency: "EUR" }, { role: "billing" }, "ALLOW"], ["Pay___create_payment", { amount: 2000.01, currency: "EUR" }, { role: "billing" }, "DENY"], ["Pay___create_payment", { amount: 1, currency: "EUR" }, { role: "x" }, "DENY"]] },
  { gw: pay, request: "Creating payments over 10000 is prohibited; payments may be created", expect: [["Pay___create_payment", { amount: 10000, currency: "USD" }, {}, "ALLOW"], ["Pay___create_payment", { amount: 10001, currency: "USD" }, {}, "DENY"]] },
  { gw: demo, request: "refunds are fine for the refund-agent role when the amount is less than 300", expect: [["RefundTarget___process_refund", { amount: 299 }, { role: "refund-agent" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 300 }, { role: "refund-agent" }, "DENY"]] },
  { gw: demo, request: "Anyone may process refunds, and nobody may process refunds over $1,000", expect: [["RefundTarget___process_refund", { amount: 1000 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 1001 }, {}, "DENY"]] },
  { gw: demo, request: "Everyone can process refunds of no more than 1k", expect: [["RefundTarget___process_refund", { amount: 1000 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 1001 }, {}, "DENY"]] },
  { gw: demo, request: "Refunds are allowed; refunds above 50 are denied", expect: [["RefundTarget___process_refund", { amount: 50 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 51 }, {}, "DENY"]] },
  { gw: demo, request: "Allow get_order, deny list_orders", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___list_orders", {}, {}, "DENY"]] },
  {
    gw: demo,
    request: "Only the refund-agent role may process refunds between $10 and $1,000",
    expect: [["RefundTarget___process_refund", { amount: 10 }, { role: "refund-agent" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 1000 }, { role: "refund-agent" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 1001 }, { role: "refund-agent" }, "DENY"], ["RefundTarget___process_refund", { amount: 10 }, { role: "viewer" }, "DENY"]],
  },
  { gw: demo, request: "Orders may be created, but nobody may create orders with a total above 100000", expect: [["OrdersTarget___create_order", { ...newOrder, total: 5 }, {}, "ALLOW"], ["OrdersTarget___create_order", { ...newOrder, total: 100001 }, {}, "DENY"]] },
  { gw: desk, request: "Tickets may be viewed but not modified", expect: [["Helpdesk___ticket_lookup", { id: "t" }, {}, "ALLOW"], ["Helpdesk___ticket_history", { id: "t" }, {}, "ALLOW"], ["Helpdesk___ticket_escalate", { id: "t", level: 1 }, {}, "DENY"]] },
  { gw: desk, request: "Only the supervisor role may escalate tickets, at most to level 3", expect: [["Helpdesk___ticket_escalate", { id: "t", level: 3 }, { role: "supervisor" }, "ALLOW"], ["Helpdesk___ticket_escalate", { id: "t", level: 4 }, { role: "supervisor" }, "DENY"], ["Helpdesk___ticket_escalate", { id: "t", level: 1 }, { role: "agent" }, "DENY"]] },
  { gw: github, request: "Allow creating issues, deny everything else", expect: [["GitHubTarget___create_issue", { ...repo, title: "t" }, {}, "ALLOW"], ["GitHubTarget___merge_pull_request", { ...repo, pull_number: 1 }, {}, "DENY"]] },
  { gw: slack, request: "Agents can list channels and add reactions. Block posting messages", expect: [["SlackTarget___list_channels", {}, {}, "ALLOW"], ["SlackTarget___post_message", { channel_id: "c", text: "t" }, {}, "DENY"]] },
  { gw: postgres, request: "Read-only database access: queries are allowed, execute is denied", expect: [["PostgresTarget___query", { sql: "select 1" }, {}, "ALLOW"], ["PostgresTarget___execute", { sql: "drop table x" }, {}, "DENY"]] },
  { gw: stripe, request: "Only the finance role may create payouts of at most 10000", expect: [["PaymentsTarget___create_payout", { amount: 10000, destination: "d" }, { role: "finance" }, "ALLOW"], ["PaymentsTarget___create_payout", { amount: 10000.5, destination: "d" }, { role: "finance" }, "DENY"]] },
  { gw: demo, request: "Only admins can cancel orders", expect: [["OrdersTarget___cancel_order", order, { role: "admin" }, "ALLOW"], ["OrdersTarget___cancel_order", order, { role: "viewer" }, "DENY"], ["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Nobody except the refund-agent role may process refunds", expect: [["RefundTarget___process_refund", { amount: 5 }, { role: "refund-agent" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 5 }, { role: "intern" }, "DENY"]] },
  { gw: demo, request: "Anyone may process refunds. Interns must not process refunds", expect: [["RefundTarget___process_refund", { amount: 5 }, { role: "agent" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 5 }, { role: "intern" }, "DENY"]] },
  {
    gw: demo,
    request: "Orders can be viewed by support-viewer and admin roles",
    expect: [["OrdersTarget___get_order", order, { role: "support-viewer" }, "ALLOW"], ["OrdersTarget___list_orders", {}, { role: "admin" }, "ALLOW"], ["OrdersTarget___get_order", order, { role: "intern" }, "DENY"], ["OrdersTarget___get_order", order, {}, "DENY"]],
  },
  { gw: github, request: "Agents may search repositories. Don't allow merging pull requests", expect: [["GitHubTarget___search_repositories", { query: "q" }, {}, "ALLOW"], ["GitHubTarget___merge_pull_request", { ...repo, pull_number: 1 }, {}, "DENY"]] },
  { gw: demo, request: "Allow everything except cancelling orders", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 5 }, {}, "ALLOW"], ["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Deny everything except viewing orders", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___cancel_order", order, {}, "DENY"], ["RefundTarget___process_refund", { amount: 5 }, {}, "DENY"]] },
  { gw: demo, request: "Refunds are limited to 100 per call", expect: [["RefundTarget___process_refund", { amount: 100 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 101 }, {}, "DENY"]] },
  { gw: demo, request: "Refunds over $500 require the manager role", expect: [["RefundTarget___process_refund", { amount: 501 }, { role: "manager" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 501 }, { role: "agent" }, "DENY"]] },
  { gw: filesystem, request: "Files may be read. Files under /etc must never be written", expect: [["FilesystemTarget___read_file", { path: "/etc/x" }, {}, "ALLOW"], ["FilesystemTarget___write_file", { path: "/tmp/x", content: "" }, {}, "DENY"]] },
  {
    gw: demo,
    request: "Allow listing orders for everyone and creating orders for the sales role",
    expect: [["OrdersTarget___list_orders", {}, {}, "ALLOW"], ["OrdersTarget___create_order", newOrder, { role: "sales" }, "ALLOW"], ["OrdersTarget___create_order", newOrder, { role: "intern" }, "DENY"]],
  },
  {
    gw: demo,
    request: "Let the billing role process refunds under 250 and view orders",
    expect: [["RefundTarget___process_refund", { amount: 249 }, { role: "billing" }, "ALLOW"], ["RefundTarget___process_refund", { amount: 250 }, { role: "billing" }, "DENY"], ["OrdersTarget___get_order", order, { role: "billing" }, "ALLOW"], ["OrdersTarget___get_order", order, { role: "x" }, "DENY"]],
  },
  { gw: demo, request: "Agents may read orders but only admins may cancel them", expect: [["OrdersTarget___get_order", order, {}, "ALLOW"], ["OrdersTarget___cancel_order", order, { role: "admin" }, "ALLOW"], ["OrdersTarget___cancel_order", order, {}, "DENY"]] },
  { gw: demo, request: "Anyone may process refunds. No refunds above 5000", expect: [["RefundTarget___process_refund", { amount: 5000 }, {}, "ALLOW"], ["RefundTarget___process_refund", { amount: 5001 }, {}, "DENY"]] },
  { gw: demo, request: "Orders can be listed. Orders cannot be updated.", expect: [["OrdersTarget___list_orders", {}, {}, "ALLOW"], ["OrdersTarget___update_order", order, {}, "DENY"]] },
];

describe("the offline drafter, checked by authorizing sample calls", () => {
  it.each(CASES.map((c) => [c.request, c] as const))("%s", (_request, c) => {
    const draft = draftOffline({ request: c.request, ...c.gw });
    expect(draft.questions, JSON.stringify(draft, null, 2)).toEqual([]);
    const decide = decider(draft.policies, c.gw);
    for (const [tool, args, claims, decision] of c.expect) expect(decide(tool, args, claims), `${tool} ${JSON.stringify(args)} ${JSON.stringify(claims)}`).toBe(decision);
    for (const p of draft.policies) expect(p.explanation.length).toBeGreaterThan(10);
  });

  it("says which tools it counted as updates, as an assumption", () => {
    const draft = draftOffline({ request: "Order information may be viewed, but updates and creation are prohibited", ...demo });
    expect(draft.assumptions.join(" ")).toMatch(/counted create_order, update_order/);
  });

  it("says which role value it read from a plural noun, and writes path conditions instead of dropping them", () => {
    const admins = draftOffline({ request: "Only admins can cancel orders", ...demo });
    expect(admins.assumptions.join(" ")).toContain('Took “admins” to mean principals whose role tag is "admin"');
    const paths = draftOffline({ request: "The agent may write files under /tmp", ...filesystem });
    expect(paths.questions).toEqual([]);
    expect(paths.policies[0].statement).toContain('context.input.path like "/tmp/*"');
    const decide = decider(paths.policies, filesystem);
    expect(decide("FilesystemTarget___write_file", { path: "/tmp/a", content: "" })).toBe("ALLOW");
    expect(decide("FilesystemTarget___write_file", { path: "/tmpfoo", content: "" })).toBe("DENY");
  });

  it("asks instead of writing a permit when a condition names something it cannot check", () => {
    const draft = draftOffline({ request: "Agents may post messages mentioning the launch", ...slack });
    expect(draft.policies).toEqual([]);
    expect(draft.questions[0]).toMatch(/the content of a text argument/);
    for (const request of ["Admins may cancel orders of premium customers", "Interns may view orders in the EU region"]) {
      const unread = draftOffline({ request, ...demo });
      expect(unread.policies).toEqual([]);
      expect(unread.questions.join(" ")).toMatch(/I did not understand “(premium customers|eu region)”/);
    }
  });

  it("withholds a permit that a forbid it could not write would have narrowed", () => {
    const draft = draftOffline({ request: "Anyone may cancel orders. Orders over 500 may not be cancelled", ...demo });
    expect(draft.policies).toEqual([]);
    expect(draft.questions.join(" ")).toMatch(/no single numeric argument/);
    expect(draft.questions.join(" ")).toMatch(/I did not write the permit for “anyone may cancel orders”/);
  });

  it("withholds a permit that a clause it could not read would have narrowed", () => {
    const draft = draftOffline({ request: "Anyone may process refunds, but not on weekends", ...demo });
    expect(draft.policies).toEqual([]);
    expect(draft.questions.join(" ")).toMatch(/a time or a day[\s\S]*I did not write the permit/);
  });

  it("asks instead of guessing when it does not understand", () => {
    const draft = draftOffline({ request: "Make it secure please", ...demo });
    expect(draft.policies).toEqual([]);
    expect(draft.questions[0]).toMatch(/did not understand/);
  });

  it("does not turn a request without any permission in it into a policy", () => {
    const draft = draftOffline({ request: "Make everything secure please", ...demo });
    expect(draft.policies).toEqual([]);
    expect(draft.questions[0]).toMatch(/did not understand/);
  });

  it("says when only forbids were asked for (default deny already denies)", () => {
    const draft = draftOffline({ request: "Nobody may cancel orders", ...demo });
    expect(draft.assumptions.join(" ")).toMatch(/default deny/);
  });

  it("asks which argument a limit applies to when a tool has none", () => {
    const draft = draftOffline({ request: "Orders may be viewed only under 50", ...demo });
    expect(draft.questions.join(" ")).toMatch(/no single numeric argument/);
  });
});

import { describe, expect, it } from "vitest";
import { deniedErrorBody, deniedMessage, deniedResultBody, gatewayResponses, toolResultBody } from "@/lib/mcp/responses";
import { demoToolOutput } from "@/lib/demo/tool-outputs";

describe("gateway response builders", () => {
  it("build AgentCore's -32002 denial byte for byte", () => {
    expect(deniedErrorBody(1, [])).toBe(
      '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}',
    );
    expect(deniedMessage(["a", "b"])).toBe("Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to determining policies: a, b]");
  });

  it("build the isError result variant", () => {
    expect(deniedResultBody(3, [])).toBe(
      '{"jsonrpc":"2.0","id":3,"result":{"isError":true,"content":[{"type":"text","text":"AuthorizeActionException - Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}]}}',
    );
  });

  it("build the allowed process_refund result exactly as the gateway sends it", () => {
    expect(toolResultBody(1, demoToolOutput("RefundTarget___process_refund", { amount: 500 }))).toBe(
      '{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"{\\"status\\":\\"success\\",\\"message\\":\\"Refund of $500 processed successfully\\",\\"amount\\":500}"}]}}',
    );
  });

  it("give both modes' responses for a decision", () => {
    const r = gatewayResponses(1, "DENY", [], "ok");
    expect(r.LOG_ONLY).toEqual({ jsonrpc: "2.0", id: 1, result: { isError: false, content: [{ type: "text", text: "ok" }] } });
    expect(JSON.stringify(r.ENFORCE)).toBe(deniedErrorBody(1, []));
    expect(gatewayResponses(1, "ALLOW", ["p"], "ok").ENFORCE).toEqual(r.LOG_ONLY);
  });

  it("run demo tools deterministically and echo unknown tools", () => {
    expect(demoToolOutput("OrdersTarget___get_order", { orderId: "ord-1" })).toBe(demoToolOutput("OrdersTarget___get_order", { orderId: "ord-1" }));
    expect(JSON.parse(demoToolOutput("OrdersTarget___list_orders", { status: "shipped", limit: 3 })).orders.every((o: { status: string }) => o.status === "shipped")).toBe(true);
    expect(JSON.parse(demoToolOutput("X___y", { a: 1 }))).toMatchObject({ status: "success", tool: "X___y", arguments: { a: 1 } });
  });
});

import { mcpToolName } from "@/lib/agentcore/names";
import type { Tool } from "@/lib/agentcore/types";

/**
 * The demo workspace, mirroring AWS's AgentCore Policy getting-started guide plus an orders API.
 * Target tools have bare names; the gateway exposes them as `<Target>___<tool>` (the `*_MCP_TOOLS` lists).
 */

export const REFUND_TOOLS: Tool[] = [
  {
    name: "process_refund",
    description: "Process a customer refund",
    inputSchema: {
      type: "object",
      properties: { amount: { type: "integer", description: "Refund amount in dollars" } },
      required: ["amount"],
    },
  },
];

const address = {
  type: "object",
  description: "Where the order ships",
  properties: {
    line1: { type: "string", description: "Street and number" },
    city: { type: "string" },
    postalCode: { type: "string" },
    country: { type: "string", description: "ISO 3166-1 alpha-2 code", enum: ["US", "CA", "GB", "DE", "FR"] },
  },
  required: ["line1", "city", "country"],
};

const lineItems = {
  type: "array",
  description: "Products and quantities",
  items: {
    type: "object",
    properties: {
      sku: { type: "string", description: "Product SKU" },
      quantity: { type: "integer", description: "Units ordered" },
    },
    required: ["sku", "quantity"],
  },
};

export const ORDER_TOOLS: Tool[] = [
  {
    name: "get_order",
    description: "Get one order by its id",
    inputSchema: {
      type: "object",
      properties: { orderId: { type: "string", description: "Order id, e.g. ord-1001" } },
      required: ["orderId"],
    },
  },
  {
    name: "list_orders",
    description: "List orders, newest first, optionally filtered by status and customer",
    inputSchema: {
      type: "object",
      properties: {
        status: { type: "string", enum: ["pending", "shipped", "delivered", "cancelled"], description: "Only orders in this status" },
        customerId: { type: "string", description: "Only this customer's orders" },
        limit: { type: "integer", description: "Page size (1-100)" },
      },
    },
  },
  {
    name: "create_order",
    description: "Create an order for a customer",
    inputSchema: {
      type: "object",
      properties: {
        customerId: { type: "string", description: "Customer placing the order" },
        items: lineItems,
        shippingAddress: address,
        priority: { type: "string", enum: ["standard", "express"], description: "Shipping speed" },
        total: { type: "integer", description: "Order total in cents" },
      },
      required: ["customerId", "items", "shippingAddress", "total"],
    },
  },
  {
    name: "update_order",
    description: "Update an order's shipping address, items or status",
    inputSchema: {
      type: "object",
      properties: {
        orderId: { type: "string", description: "Order to update" },
        status: { type: "string", enum: ["pending", "shipped", "delivered"], description: "New status" },
        shippingAddress: address,
        items: lineItems,
        notifyCustomer: { type: "boolean", description: "Email the customer about the change" },
      },
      required: ["orderId"],
    },
  },
  {
    name: "cancel_order",
    description: "Cancel an order that has not shipped",
    inputSchema: {
      type: "object",
      properties: {
        orderId: { type: "string", description: "Order to cancel" },
        reason: { type: "string", description: "Why the order is cancelled" },
      },
      required: ["orderId"],
    },
  },
];

export const REFUND_POLICY_NAME = "refund_limit_policy";

export function refundPolicyStatement(gatewayArn: string): string {
  return `permit(
  principal,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"${gatewayArn}"
)
when { context.input.amount < 1000 };`;
}

export const REFUND_TARGET = "RefundTarget";
export const ORDERS_TARGET = "OrdersTarget";

const named = (target: string, tools: Tool[]): Tool[] => tools.map((t) => ({ ...t, name: mcpToolName(target, t.name) }));
/** The demo tools as an agent sees them (`RefundTarget___process_refund`, …). */
export const REFUND_MCP_TOOLS = named(REFUND_TARGET, REFUND_TOOLS);
export const ORDER_MCP_TOOLS = named(ORDERS_TARGET, ORDER_TOOLS);

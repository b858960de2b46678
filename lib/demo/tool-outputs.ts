/**
 * What the demo targets' Lambdas would return, deterministically (same arguments → same bytes), so
 * that recorded calls, tests and screenshots are stable, and the simulator can show the exact answer
 * the local gateway gives. Pure, so it also runs in the browser's simulation worker. Any tool without
 * a demo implementation answers with an echo of its call.
 */

type Args = Record<string, unknown>;
type Impl = (args: Args) => unknown;

const STATUSES = ["pending", "shipped", "delivered", "cancelled"] as const;
const SKUS = ["SKU-HEADPHONES", "SKU-KEYBOARD", "SKU-MONITOR", "SKU-USB-C-HUB", "SKU-WEBCAM"] as const;
const CITIES = [
  { line1: "12 Harbour St", city: "Seattle", postalCode: "98101", country: "US" },
  { line1: "4 Queen St W", city: "Toronto", postalCode: "M5H 2M9", country: "CA" },
  { line1: "221B Baker St", city: "London", postalCode: "NW1 6XE", country: "GB" },
  { line1: "Unter den Linden 5", city: "Berlin", postalCode: "10117", country: "DE" },
] as const;
const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);

/** FNV-1a: a stable spread of ids over the demo's statuses and cities, not a security property. */
function seed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function order(orderId: string, overrides: Partial<Record<string, unknown>> = {}) {
  const n = seed(orderId);
  const quantity = (n % 3) + 1;
  const unit = 1999 + (n % 7) * 1000;
  return {
    orderId,
    customerId: `cust-${String(1000 + (n % 9000)).padStart(4, "0")}`,
    status: STATUSES[n % STATUSES.length],
    items: [{ sku: SKUS[n % SKUS.length], quantity, unitPrice: unit }],
    total: quantity * unit,
    currency: "USD",
    shippingAddress: CITIES[n % CITIES.length],
    createdAt: new Date(EPOCH + (n % 90) * 86_400_000).toISOString(),
    ...overrides,
  };
}

const IMPLS: Record<string, Impl> = {
  RefundTarget___process_refund: (args) => ({
    status: "success",
    message: `Refund of $${String(args.amount)} processed successfully`,
    amount: args.amount,
  }),

  OrdersTarget___get_order: (args) => order(String(args.orderId)),

  OrdersTarget___list_orders: (args) => {
    const limit = typeof args.limit === "number" ? Math.max(1, Math.min(100, Math.trunc(args.limit))) : 5;
    const orders = Array.from({ length: 20 }, (_, i) => order(`ord-${1020 - i}`))
      .filter((o) => (args.status ? o.status === args.status : true))
      .map((o) => (args.customerId ? { ...o, customerId: args.customerId } : o))
      .slice(0, limit);
    return { orders, count: orders.length, nextToken: null };
  },

  OrdersTarget___create_order: (args) => {
    const orderId = `ord-${2000 + (seed(JSON.stringify(args)) % 8000)}`;
    return {
      status: "success",
      message: `Order ${orderId} created`,
      order: {
        orderId,
        customerId: args.customerId,
        status: "pending",
        items: args.items,
        total: args.total,
        currency: "USD",
        shippingAddress: args.shippingAddress,
        priority: args.priority ?? "standard",
      },
    };
  },

  OrdersTarget___update_order: (args) => {
    const { orderId, notifyCustomer, ...changes } = args;
    const updated = Object.keys(changes);
    return {
      status: "success",
      message: `Order ${String(orderId)} updated${updated.length ? ` (${updated.join(", ")})` : ""}`,
      order: order(String(orderId), changes),
      customerNotified: notifyCustomer === true,
    };
  },

  OrdersTarget___cancel_order: (args) => ({
    status: "success",
    message: `Order ${String(args.orderId)} cancelled`,
    order: order(String(args.orderId), { status: "cancelled" }),
    reason: args.reason ?? null,
  }),
};

/** Runs a tool and returns the text of its single content item (JSON, as Lambda targets answer). */
export function demoToolOutput(mcpToolName: string, args: Args): string {
  const impl = IMPLS[mcpToolName];
  const output = impl
    ? impl(args)
    : { status: "success", tool: mcpToolName, arguments: args, note: "Echo from the local gateway: this tool has no demo implementation." };
  return JSON.stringify(output);
}

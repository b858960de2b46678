import { describe, expect, it } from "vitest";
import { checkArguments, describeIssues } from "@/lib/mcp/arguments";
import { ORDER_TOOLS } from "@/lib/demo/tools";

const create = ORDER_TOOLS.find((t) => t.name === "create_order")!.inputSchema;
const valid = { customerId: "c1", total: 1999, items: [{ sku: "A", quantity: 1 }], shippingAddress: { line1: "1 Main", city: "X", country: "US" } };

describe("tool argument checking", () => {
  it("accepts arguments that match, including nested objects and arrays", () => {
    expect(checkArguments(create, valid)).toEqual([]);
  });

  it("reports missing required fields, wrong types and enum violations with paths", () => {
    const issues = checkArguments(create, { ...valid, total: "1999", items: [{ sku: 3 }], shippingAddress: { ...valid.shippingAddress, country: "XX" }, priority: "now" });
    expect(issues).toEqual([
      { path: "total", message: 'expected integer, got string "1999"' },
      { path: "items[0].quantity", message: "is required" },
      { path: "items[0].sku", message: "expected string, got number 3" },
      { path: "shippingAddress.country", message: 'must be one of "US", "CA", "GB", "DE", "FR", got "XX"' },
      { path: "priority", message: 'must be one of "standard", "express", got "now"' },
    ]);
    expect(describeIssues("T", issues)).toBe(
      "Invalid arguments for tool T: total: expected integer, got string \"1999\"; items[0].quantity: is required; items[0].sku: expected string, got number 3 (and 2 more)",
    );
  });

  it("handles numbers, null, additionalProperties: false, ranges and type unions", () => {
    const s = { type: "object", properties: { n: { type: "number", minimum: 0 }, u: { type: ["string", "null"] } }, additionalProperties: false };
    expect(checkArguments(s, { n: 1.5, u: null })).toEqual([]);
    expect(checkArguments(s, { n: -1, u: 2, extra: true })).toEqual([
      { path: "n", message: "must be ≥ 0" },
      { path: "u", message: "expected string or null, got number 2" },
      { path: "extra", message: "is not a property of this object" },
    ]);
    expect(checkArguments(s, null)).toEqual([{ path: "", message: "expected object, got null" }]);
  });
});

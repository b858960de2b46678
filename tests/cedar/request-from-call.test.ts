import * as generator from "@cedar-policy/mcp-schema-generator-wasm";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import type { JsonSchema, Tool } from "@/lib/agentcore/types";
import { buildRequest, claimToTag, toDecimalLiteral } from "@/lib/cedar/request-from-call";
import { DEFAULT_SCHEMA_OPTIONS, generateSchema, schemaStub } from "@/lib/cedar/schema-from-tools";
import { loadToolSet, loadToolSets, REFUND_GATEWAY } from "./fixtures";

const principal = { sub: "alice", claims: { role: "refund-agent", groups: ["a", "b"], level: 3, admin: false, nested: { x: 1 } } };

describe("buildRequest", () => {
  const schema = generateSchema([...loadToolSet("demo-orders").tools, ...loadToolSet("fetch").tools, ...loadToolSet("demo-refund").tools]).json;

  it("builds AgentCore's principal/action/resource and the claim tags", () => {
    const r = buildRequest({ principal, toolName: "RefundTarget___process_refund", args: { amount: 500 }, gatewayArn: REFUND_GATEWAY, schemaJson: schema });
    expect(r).toEqual({
      ok: true,
      warnings: [],
      request: {
        principal: { type: "AgentCore::OAuthUser", id: "alice" },
        action: { type: "AgentCore::Action", id: "RefundTarget___process_refund" },
        resource: { type: "AgentCore::Gateway", id: REFUND_GATEWAY },
        context: { input: { amount: 500 } },
        entities: [
          { uid: { type: "AgentCore::OAuthUser", id: "alice" }, attrs: { id: "alice" }, parents: [], tags: { role: "refund-agent", groups: "a b", level: "3", admin: "false", nested: '{"x":1}' } },
        ],
      },
    });
  });

  it("IamEntity principals carry no tags", () => {
    const iam = generateSchema(loadToolSet("demo-refund").tools, { ...DEFAULT_SCHEMA_OPTIONS, principal: "IamEntity" }).json;
    const r = buildRequest({ principal: { type: "IamEntity", sub: "arn:aws:iam::1:role/x", claims: { a: "b" } }, toolName: "RefundTarget___process_refund", args: { amount: 1 }, gatewayArn: "g", schemaJson: iam });
    expect(r.ok && r.request.entities[0]).toEqual({ uid: { type: "AgentCore::IamEntity", id: "arn:aws:iam::1:role/x" }, attrs: { id: "arn:aws:iam::1:role/x" }, parents: [] });
  });

  it("types decimals, enums, nested records, sets and tag entities per the schema", () => {
    const r = buildRequest({
      principal,
      toolName: "OrdersTarget___create_order",
      args: { customer: { id: "c1", tier: "gold" }, items: [{ sku: "s", quantity: 2, unitPrice: 0.29 }], total: 9.99, currency: "USD", extra: 1 },
      gatewayArn: "g",
      schemaJson: schema,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.request.context.input).toEqual({
      customer: { id: "c1", tier: { __entity: { type: "AgentCore::OrdersTarget___create_order::Input::customer::tier", id: "gold" } } },
      items: [{ sku: "s", quantity: 2, unitPrice: { __extn: { fn: "decimal", arg: "0.2900" } } }],
      total: { __extn: { fn: "decimal", arg: "9.9900" } },
      currency: { __entity: { type: "AgentCore::OrdersTarget___create_order::Input::currency", id: "USD" } },
    });
    expect(r.warnings).toEqual(["extra: not in the schema, so policies cannot see it"]);
    expect(cedar.checkParseContext({ context: r.request.context, schema, action: r.request.action }).type).toBe("success");

    const f = buildRequest({ principal, toolName: "FetchTarget___fetch", args: { url: "https://x", headers: { accept: "json" } }, gatewayArn: "g", schemaJson: schema });
    expect(f.ok && f.request.entities[1]).toEqual({ uid: { type: "AgentCore::FetchTarget___fetch::Input::headers", id: "input.headers" }, attrs: {}, parents: [], tags: { accept: "json" } });
  });

  it("refuses arguments that do not fit: missing required, wrong type, unknown enum value, unknown tool", () => {
    const call = (toolName: string, args: unknown) => buildRequest({ principal, toolName, args, gatewayArn: "g", schemaJson: schema });
    expect(call("RefundTarget___process_refund", {})).toMatchObject({ ok: false, error: "amount: required argument is missing" });
    expect(call("RefundTarget___process_refund", { amount: "5" })).toMatchObject({ ok: false, error: 'amount: expected an integer, got string "5"' });
    expect(call("RefundTarget___process_refund", { amount: 1.5 })).toMatchObject({ ok: false });
    expect(call("OrdersTarget___cancel_order", { orderId: "1", reason: "bored" })).toMatchObject({ ok: false, path: "input.reason" });
    expect(call("Nope___x", {})).toMatchObject({ ok: false });
  });

  it("treats null as absent for optional arguments", () => {
    const r = buildRequest({ principal, toolName: "OrdersTarget___list_orders", args: { status: null, limit: 5 }, gatewayArn: "g", schemaJson: schema });
    expect(r.ok && r.request.context.input).toEqual({ limit: 5 });
  });
});

describe("toDecimalLiteral", () => {
  it("truncates to 4 places without float artefacts", () => {
    expect(toDecimalLiteral(9.99)).toBe("9.9900");
    expect(toDecimalLiteral(0.29)).toBe("0.2900");
    expect(toDecimalLiteral(1.123456)).toBe("1.1234");
    expect(toDecimalLiteral(-2.99999)).toBe("-2.9999");
    expect(toDecimalLiteral(5)).toBe("5.0000");
    expect(toDecimalLiteral(1e-7)).toBe("0.0000");
    expect(toDecimalLiteral(-0.00001)).toBe("0.0000");
    expect(toDecimalLiteral("12.5")).toBe("12.5000");
    expect(toDecimalLiteral(1e16)).toBeNull();
    expect(toDecimalLiteral(Number.NaN)).toBeNull();
  });
  it("claims: strings as-is, scalars printed, arrays space-joined, objects JSON", () => {
    expect([claimToTag("x"), claimToTag(1), claimToTag(true), claimToTag(["a", 1]), claimToTag({ a: 1 })]).toEqual(["x", "1", "true", "a 1", '{"a":1}']);
  });
});

/** A plausible argument value for a prepared JSON schema node (first enum value, small numbers). */
function sample(s: JsonSchema, depth = 0): unknown {
  if (depth > 12) return undefined;
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  switch (t) {
    case "string":
      return "text";
    case "integer":
      return 7;
    case "number":
      return 12.25;
    case "boolean":
      return true;
    case "array":
      return s.items && !Array.isArray(s.items) ? [sample(s.items as JsonSchema, depth + 1)].filter((x) => x !== undefined) : undefined;
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
        const x = sample(v, depth + 1);
        if (x !== undefined) out[k] = x;
      }
      if (s.additionalProperties && typeof s.additionalProperties === "object") out.extraKey = sample(s.additionalProperties as JsonSchema, depth + 1);
      return out;
    }
  }
  return undefined;
}

describe("differential: buildRequest vs the generator's generateRequest", () => {
  // Only tools whose schemas the generator takes as they are (no constructs we rewrite), so both sides see the same types.
  const simple = (s: unknown, depth = 0): boolean => {
    if (depth > 12 || typeof s !== "object" || s === null) return false;
    const o = s as JsonSchema;
    if (depth === 0 && o.type !== "object") return false;
    if (["$ref", "oneOf", "anyOf", "allOf", "const", "format"].some((k) => k in o) || Array.isArray(o.type)) return false;
    if (Array.isArray(o.enum) && (o.type !== "string" || o.enum.length === 0)) return false;
    if (o.type === "array") return !!o.items && !Array.isArray(o.items) && simple(o.items, depth + 1);
    if (o.type === "object" || o.properties) {
      if (depth === 0 && o.additionalProperties && typeof o.additionalProperties === "object") return false;
      if (o.additionalProperties === true) return false;
      return Object.entries((o.properties ?? {}) as Record<string, unknown>).every(([k, v]) => /^[A-Za-z_]\w*$/.test(k) && simple(v, depth + 1));
    }
    return ["string", "integer", "number", "boolean"].includes(o.type as string);
  };
  const cases: Array<{ set: string; tool: Tool; options: typeof DEFAULT_SCHEMA_OPTIONS }> = [];
  for (const set of loadToolSets())
    for (const tool of set.tools)
      if (/^[A-Za-z_]\w*$/.test(tool.name) && simple(tool.inputSchema))
        for (const options of [DEFAULT_SCHEMA_OPTIONS, { ...DEFAULT_SCHEMA_OPTIONS, objectsAsRecords: false }]) cases.push({ set: set.name, tool, options });

  it("covers most of the corpus", () => expect(cases.length).toBeGreaterThan(60));

  // Entity ids differ by design (random UUIDs there, argument paths here): blank every id of an entity the request defines.
  const strip = (list: Array<{ uid: { type: string; id: string } }>) => {
    const defined = new Set(list.map((e) => e.uid.type));
    const blank = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(blank);
      if (typeof v !== "object" || v === null) return v;
      const o = v as Record<string, unknown>;
      if (o.__entity && defined.has((o.__entity as { type: string }).type)) return { __entity: { type: (o.__entity as { type: string }).type } };
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, k === "uid" ? { type: (x as { type: string }).type } : blank(x)]));
    };
    return list.map(blank);
  };
  for (const { set, tool, options } of cases) {
    it(`${set} ${tool.name} objectsAsRecords=${options.objectsAsRecords}`, () => {
      const args = sample(tool.inputSchema) ?? {};
      const schema = generateSchema([tool], options).json;
      const ours = buildRequest({ principal, toolName: tool.name, args, gatewayArn: "arn:gw", schemaJson: schema });
      const config = JSON.stringify({ numbersAsDecimal: options.numbersAsDecimal, objectsAsRecords: options.objectsAsRecords });
      const theirs = JSON.parse(
        generator.generateRequest(schemaStub("OAuthUser"), JSON.stringify([tool]), JSON.stringify({ params: { tool: tool.name, args } }), "AgentCore::OAuthUser", "alice", "AgentCore::Gateway", "arn:gw", config),
      ) as { isOk: boolean; principal: string; action: string; resource: string; entitiesJson: string; error: string };
      expect(theirs.error).toBeNull();
      expect(ours.ok).toBe(true);
      if (!ours.ok) return;
      const uid = (r: { type: string; id: string }) => `${r.type}::${JSON.stringify(r.id)}`;
      expect(uid(ours.request.principal)).toBe(theirs.principal);
      expect(uid(ours.request.action)).toBe(theirs.action);
      expect(uid(ours.request.resource)).toBe(theirs.resource);
      // The generator names entities with random UUIDs and leaves the principal out; compare the rest.
      const theirEntities = strip(JSON.parse(theirs.entitiesJson));
      expect(strip(ours.request.entities.slice(1) as never)).toEqual(expect.arrayContaining(theirEntities));
      expect(ours.request.entities.length - 1).toBe(theirEntities.length);
      // And the context we build is accepted by Cedar against the schema.
      expect(cedar.checkParseContext({ context: ours.request.context, schema, action: ours.request.action }).type).toBe("success");
    });
  }

  it("documents one known difference: the generator rounds decimals to 4 places, AgentCore (and we) truncate", () => {
    const tool: Tool = { name: "T___n", description: "", inputSchema: { type: "object", properties: { o: { type: "object", properties: { n: { type: "number" } } } } } };
    const options = { ...DEFAULT_SCHEMA_OPTIONS, objectsAsRecords: false };
    const args = { o: { n: 12.3456789 } };
    const config = JSON.stringify({ numbersAsDecimal: true, objectsAsRecords: false });
    const theirs = JSON.parse(generator.generateRequest(schemaStub("OAuthUser"), JSON.stringify([tool]), JSON.stringify({ params: { tool: tool.name, args } }), "AgentCore::OAuthUser", "a", "AgentCore::Gateway", "g", config));
    expect(JSON.parse(theirs.entitiesJson)[0].attrs.n).toEqual({ __extn: { fn: "decimal", arg: "12.3457" } });
    const ours = buildRequest({ principal, toolName: tool.name, args, gatewayArn: "g", schemaJson: generateSchema([tool], options).json });
    expect(ours.ok && ours.request.entities[1].attrs.n).toEqual({ __extn: { fn: "decimal", arg: "12.3456" } });
  });

  it("agrees with the generator on refusing bad arguments", () => {
    const tools = loadToolSet("demo-orders").tools;
    const schema = generateSchema(tools).json;
    const bad = [
      { tool: "OrdersTarget___get_order", args: {} },
      { tool: "OrdersTarget___cancel_order", args: { orderId: "1", reason: "nope" } },
      { tool: "OrdersTarget___list_orders", args: { limit: "ten" } },
      { tool: "OrdersTarget___list_orders", args: { limit: 1.5 } },
    ];
    for (const b of bad) {
      const theirs = JSON.parse(generator.generateRequest(schemaStub("OAuthUser"), JSON.stringify(tools), JSON.stringify({ params: { tool: b.tool, args: b.args } }), "AgentCore::OAuthUser", "a", "AgentCore::Gateway", "g", "{}"));
      expect(theirs.isOk).toBe(false);
      expect(buildRequest({ principal, toolName: b.tool, args: b.args, gatewayArn: "g", schemaJson: schema }).ok).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { argumentForm, formBodyText, formProblem, inputText, inputValue, readFormBody, withValue, type FormField } from "@/lib/mcp/argument-form";
import { exampleArguments } from "@/lib/mcp/example-args";
import { ORDER_TOOLS, REFUND_TOOLS } from "@/lib/demo/tools";
import { toolsCall } from "@/lib/mcp/tool-call";

const schemaOf = (name: string) => [...ORDER_TOOLS, ...REFUND_TOOLS].find((t) => t.name === name)!.inputSchema;
const field = (fields: FormField[], key: string) => fields.find((f) => f.key === key)!;

describe("argument form fields from an input schema", () => {
  it("lays out types, enums, required fields and nested objects as the demo tools declare them", () => {
    const form = argumentForm(schemaOf("create_order"));
    expect(form.fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ["customerId", "string", true],
      ["items", "json", true],
      ["shippingAddress", "object", true],
      ["priority", "enum", false],
      ["total", "number", true],
    ]);
    const address = field(form.fields, "shippingAddress");
    expect(address.kind === "object" && address.fields.map((f) => [f.path.join("."), f.kind])).toContainEqual(["shippingAddress.line1", "string"]);
    expect(field(form.fields, "total")).toMatchObject({ integer: true, description: "Order total in cents" });
    expect(field(form.fields, "priority")).toMatchObject({ options: [{ value: "standard", label: "standard" }, { value: "express", label: "express" }] });
  });

  it("handles odd schemas: none, no properties, missing type, enums of numbers, unions, free-form maps", () => {
    expect(argumentForm(undefined)).toEqual({ fields: [], extraKeys: true });
    expect(argumentForm({ type: "object" })).toEqual({ fields: [], extraKeys: true });
    expect(argumentForm({ type: "object", properties: {}, additionalProperties: false })).toEqual({ fields: [], extraKeys: false });
    const { fields } = argumentForm({
      properties: {
        untyped: {},
        implied: { properties: { a: { type: "boolean" } }, required: ["a"], additionalProperties: false },
        level: { enum: [1, 2, 3] },
        mixed: { enum: ["a", 1, null, true] },
        objects: { enum: [{ a: 1 }] },
        nullable: { type: ["string", "null"] },
        single: { type: ["number"] },
        either: { oneOf: [{ type: "string" }, { type: "number" }] },
        fixed: { const: "x" },
        map: { type: "object", additionalProperties: { type: "string" } },
        list: { type: "array", items: { type: "string" } },
        weird: "not a schema",
      },
      required: ["level", "nope", 3],
    });
    expect(fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ["untyped", "json", false],
      ["implied", "object", false],
      ["level", "enum", true],
      ["mixed", "enum", false],
      ["objects", "json", false],
      ["nullable", "json", false],
      ["single", "number", false],
      ["either", "json", false],
      ["fixed", "json", false],
      ["map", "json", false],
      ["list", "json", false],
      ["weird", "json", false],
    ]);
    expect(field(fields, "implied")).toMatchObject({ extraKeys: false, fields: [{ key: "a", kind: "boolean", required: true, path: ["implied", "a"] }] });
    expect(field(fields, "level")).toMatchObject({ options: [{ value: 1, label: "1" }, { value: 2, label: "2" }, { value: 3, label: "3" }] });
    expect(field(fields, "mixed")).toMatchObject({ options: [{ label: "a" }, { label: "1" }, { label: "null" }, { label: "true" }] });
  });

  it("stops nesting at a depth a form can show, editing deeper objects as JSON", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 10; i++) schema = { type: "object", properties: { child: schema } };
    let f: FormField | undefined = argumentForm(schema).fields[0];
    let depth = 1;
    while (f?.kind === "object") [f, depth] = [f.fields[0], depth + 1];
    expect(f?.kind).toBe("json");
    expect(depth).toBeLessThanOrEqual(8);
  });
});

describe("what the form can show without losing anything", () => {
  const form = argumentForm(schemaOf("create_order"));
  const valid = { customerId: "c1", total: 1999, items: [{ sku: "A", quantity: 1 }], shippingAddress: { line1: "1 Main", city: "X", country: "US" } };

  it("shows the example arguments of every demo tool", () => {
    for (const t of [...ORDER_TOOLS, ...REFUND_TOOLS]) expect(formProblem(argumentForm(t.inputSchema), exampleArguments(t.inputSchema)), t.name).toBeNull();
    expect(formProblem(form, valid)).toBeNull();
  });

  it("names the value it cannot show", () => {
    expect(formProblem(form, { ...valid, extra: 1 })).toBe('"extra" is not in the tool\'s input schema');
    expect(formProblem(form, { ...valid, shippingAddress: { ...valid.shippingAddress, floor: 2 } })).toBe('"shippingAddress.floor" is not in the tool\'s input schema');
    expect(formProblem(form, { ...valid, total: "1999" })).toBe('"total" is "1999", not a number');
    expect(formProblem(form, { ...valid, total: 19.5 })).toBe('"total" is 19.5, not an integer');
    expect(formProblem(form, { ...valid, priority: "now" })).toBe('"priority" is "now", not one of its choices');
    expect(formProblem(form, { ...valid, shippingAddress: [] })).toBe('"shippingAddress" is an array, not an object');
    expect(formProblem(form, { ...valid, customerId: null })).toBe('"customerId" is null, not a string');
    // Anything goes in a JSON field, even what the schema refuses: the check under the body says so.
    expect(formProblem(form, { ...valid, items: "lots" })).toBeNull();
  });

  it("refuses values it would read back differently: empty optional strings and objects", () => {
    const f = argumentForm({ properties: { note: { type: "string" }, name: { type: "string" }, opt: { properties: { a: { type: "string" } } } }, required: ["name"] });
    expect(formProblem(f, { name: "" })).toBeNull();
    expect(formProblem(f, { name: "x", note: "" })).toBe('"note" is an empty string, which the form shows as not set');
    expect(formProblem(f, { name: "x", opt: {} })).toBe('"opt" is an empty object, which the form shows as not set');
  });

  it("allows extra keys in the schema but still cannot show them (additionalProperties)", () => {
    const open = argumentForm({ type: "object", properties: { a: { type: "string" } }, additionalProperties: true });
    expect(open.extraKeys).toBe(true);
    expect(formProblem(open, { a: "x", b: 1 })).toBe('"b" is not in the tool\'s input schema');
  });
});

describe("editing through the form", () => {
  const form = argumentForm(schemaOf("create_order"));

  it("sets and clears values at a path, dropping optional objects left empty", () => {
    const opt = argumentForm({ properties: { box: { properties: { w: { type: "number" } } }, req: { properties: { w: { type: "number" } } } }, required: ["req"] });
    const set = withValue(opt, {}, ["box", "w"], 3);
    expect(set).toEqual({ box: { w: 3 } });
    expect(withValue(opt, set, ["box", "w"], undefined)).toEqual({});
    expect(withValue(opt, { req: { w: 1 } }, ["req", "w"], undefined)).toEqual({ req: {} });
    const args = exampleArguments(schemaOf("create_order"));
    const edited = withValue(form, args, ["shippingAddress", "city"], "Lyon");
    expect(edited.shippingAddress).toMatchObject({ city: "Lyon" });
    expect(args.shippingAddress).not.toMatchObject({ city: "Lyon" });
  });

  it("reads input text as values and writes values back as the same text", () => {
    const f = (kind: string) => form.fields.find((x) => x.kind === kind)!;
    const total = field(form.fields, "total");
    expect(inputValue(total, "700")).toEqual({ ok: true, value: 700 });
    expect(inputValue(total, "7.5")).toEqual({ ok: false, message: "not an integer" });
    expect(inputValue(total, "")).toEqual({ ok: true, value: undefined });
    expect(inputValue(f("string"), "")).toEqual({ ok: true, value: "" });
    expect(inputValue(field(form.fields, "priority"), "1")).toEqual({ ok: true, value: "express" });
    expect(inputText(field(form.fields, "priority"), "express")).toBe("1");
    expect(inputValue(field(form.fields, "items"), "[1")).toEqual({ ok: false, message: "not JSON yet" });
    expect(inputValue(field(form.fields, "items"), "[1]")).toEqual({ ok: true, value: [1] });
    const num = argumentForm({ properties: { n: { type: "number" }, b: { type: "boolean" } } }).fields;
    expect(inputValue(num[0], "2.5")).toEqual({ ok: true, value: 2.5 });
    expect(inputValue(num[0], "abc")).toEqual({ ok: false, message: "not a number" });
    expect(inputValue(num[1], "false")).toEqual({ ok: true, value: false });
    for (const [fl, v] of [[total, 42], [num[1], true], [field(form.fields, "items"), [{ sku: "A" }]]] as const) {
      expect(inputValue(fl, inputText(fl, v))).toEqual({ ok: true, value: v });
    }
  });
});

describe("the body between the form and raw JSON", () => {
  const formOf = (tool: string) => (tool === "T___create_order" ? argumentForm(schemaOf("create_order")) : undefined);
  const args = exampleArguments(schemaOf("create_order"));

  it("writes exactly the tools/call the panel sends, and reads it back", () => {
    const text = formBodyText("T___create_order", args, 7);
    expect(JSON.parse(text)).toEqual(toolsCall("T___create_order", args, 7));
    expect(readFormBody(text, formOf)).toEqual({ ok: true, id: 7, tool: "T___create_order", args });
    expect(readFormBody(JSON.stringify({ jsonrpc: "2.0", id: "a", method: "tools/call", params: { name: "T___create_order" } }), formOf)).toEqual({ ok: true, id: "a", tool: "T___create_order", args: {} });
  });

  it("keeps raw JSON, with the reason, for bodies the form would not write back identically", () => {
    const call = toolsCall("T___create_order", args);
    const reason = (body: unknown) => {
      const r = readFormBody(typeof body === "string" ? body : JSON.stringify(body), formOf);
      return r.ok ? null : r.reason;
    };
    expect(reason("{")).toBe("the body is not JSON");
    expect(reason([call])).toBe("the body is not one JSON-RPC request object");
    expect(reason({ ...call, extra: 1 })).toBe('the body has "extra" beside the call');
    expect(reason({ ...call, method: "tools/list" })).toBe("the body is not a JSON-RPC 2.0 tools/call");
    expect(reason({ ...call, id: null })).toBe("the call has no number or string id");
    expect(reason({ ...call, params: { ...call.params, _meta: {} } })).toBe('the params have "_meta" beside the tool and its arguments');
    expect(reason({ ...call, params: { name: "Other___x", arguments: {} } })).toBe("this gateway has no tool Other___x");
    expect(reason({ ...call, params: { name: "T___create_order", arguments: [] } })).toBe("the arguments are not an object");
    expect(reason({ ...call, params: { name: "T___create_order", arguments: { ...args, total: "x" } } })).toBe('"total" is "x", not a number');
  });
});

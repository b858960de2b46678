import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { generateSchema, DEFAULT_SCHEMA_OPTIONS, type GeneratedSchema } from "@/lib/cedar/schema-from-tools";
import { validatePolicies } from "@/lib/cedar/validate";
import { loadToolSet, loadToolSets } from "./fixtures";

const field = (s: GeneratedSchema, tool: string, path: string) => {
  const f = s.fields.find((t) => t.tool === tool)?.fields.find((x) => x.path === path);
  if (!f) throw new Error(`no field ${tool} ${path}`);
  return f;
};
const gen = (name: string) => generateSchema(loadToolSet(name).tools, DEFAULT_SCHEMA_OPTIONS);
const valid = (s: GeneratedSchema, policy: string) => validatePolicies(cedar, policy, s.json);

describe("generateSchema over the fixture corpus", () => {
  const sets = loadToolSets();
  it("has at least 20 tool sets", () => expect(sets.length).toBeGreaterThanOrEqual(20));

  for (const set of sets) {
    it(`${set.name}: generates a schema cedar parses, with one action per tool in CallTool`, () => {
      for (const options of [DEFAULT_SCHEMA_OPTIONS, { principal: "IamEntity", numbersAsDecimal: false, objectsAsRecords: false } as const]) {
        const s = generateSchema(set.tools, options);
        expect(cedar.checkParseSchema(s.json).type).toBe("success");
        expect(cedar.checkParseSchema(s.text).type).toBe("success");
        for (const tool of set.tools) {
          expect(s.json.AgentCore.actions[tool.name]?.memberOf).toEqual([{ id: "CallTool" }]);
          // every tool action can be named in a policy that validates
          const policy = `permit(principal, action == AgentCore::Action::${JSON.stringify(tool.name)}, resource);`;
          expect(valid(s, policy)).toEqual([]);
        }
        expect(valid(s, `permit(principal, action in AgentCore::Action::"CallTool", resource);`)).toEqual([]);
      }
    });
  }
});

describe("AgentCore shape", () => {
  it("demo refund: amount is a required Long under context.input and the seed policy validates", () => {
    const s = gen("demo-refund");
    expect(s.text).toContain("amount: Long");
    expect(field(s, "RefundTarget___process_refund", "amount")).toMatchObject({ cedarType: "Long", required: true, description: "Refund amount in dollars" });
    expect(s.notes).toEqual([]);
  });

  it("OAuthUser has String tags; IamEntity has none", () => {
    const tools = loadToolSet("demo-refund").tools;
    expect(generateSchema(tools, DEFAULT_SCHEMA_OPTIONS).text).toMatch(/entity OAuthUser = \{\s*id: String\s*\} tags String;/);
    const iam = generateSchema(tools, { ...DEFAULT_SCHEMA_OPTIONS, principal: "IamEntity" });
    expect(iam.text).toMatch(/entity IamEntity = \{\s*id: String\s*\};/);
    expect(iam.json.AgentCore.actions.RefundTarget___process_refund.appliesTo?.principalTypes).toEqual(["IamEntity"]);
  });

  it("string enums become enum entities named after the field path", () => {
    const s = gen("demo-orders");
    expect(field(s, "OrdersTarget___create_order", "customer.tier")).toMatchObject({
      cedarType: "AgentCore::OrdersTarget___create_order::Input::customer::tier",
      enum: ["bronze", "silver", "gold"],
    });
    expect(
      valid(s, `permit(principal, action == AgentCore::Action::"OrdersTarget___create_order", resource) when { context.input.customer has tier && context.input.customer.tier == AgentCore::OrdersTarget___create_order::Input::customer::tier::"gold" };`),
    ).toEqual([]);
  });

  it("number → decimal with a note; integer → Long; arrays → Set", () => {
    const s = gen("demo-orders");
    expect(field(s, "OrdersTarget___create_order", "total")).toMatchObject({ cedarType: "decimal", required: true });
    expect(field(s, "OrdersTarget___create_order", "total").note).toMatch(/lessThan/);
    expect(field(s, "OrdersTarget___create_order", "items")).toMatchObject({ cedarType: "Set<Record>" });
    expect(field(s, "OrdersTarget___create_order", "items[].quantity")).toMatchObject({ cedarType: "Long", required: true });
    expect(valid(s, `permit(principal, action == AgentCore::Action::"OrdersTarget___create_order", resource) when { context.input.total.lessThan(decimal("100.00")) };`)).toEqual([]);
  });

  it("numbersAsDecimal off: number is the opaque AgentCore::Number entity", () => {
    const s = generateSchema(loadToolSet("stripe").tools, { ...DEFAULT_SCHEMA_OPTIONS, numbersAsDecimal: false });
    expect(field(s, "PaymentsTarget___create_charge", "amount").cedarType).toBe("AgentCore::Number");
  });

  it("objectsAsRecords off: nested objects become entities", () => {
    const s = generateSchema(loadToolSet("demo-orders").tools, { ...DEFAULT_SCHEMA_OPTIONS, objectsAsRecords: false });
    expect(field(s, "OrdersTarget___update_order", "shippingAddress").cedarType).toBe("AgentCore::OrdersTarget___update_order::Input::shippingAddress");
  });
});

describe("constructs the generator cannot take as they are", () => {
  it("date-time, date, duration stay String (the generator alone would make datetime/duration) with a note", () => {
    const s = gen("calendar");
    for (const p of ["start", "day", "duration"]) {
      expect(field(s, "CalendarTarget___create_event", p).cedarType).toBe("String");
      expect(field(s, "CalendarTarget___create_event", p).note).toMatch(/stays String/);
    }
    expect(field(s, "CalendarTarget___create_event", "attendees").cedarType).toBe("Set<String>");
  });

  it("local $ref, $defs and definitions are resolved; recursion is cut with a note; external refs are left out", () => {
    const s = gen("refs");
    expect(field(s, "RefsTarget___create_shipment", "from.country").enum).toEqual(["US", "DE", "FR"]);
    expect(field(s, "RefsTarget___create_shipment", "parcel.weightKg").cedarType).toBe("decimal");
    expect(field(s, "RefsTarget___tree", "root.children").cedarType).toBeNull();
    expect(field(s, "RefsTarget___tree", "root.children").note).toMatch(/recursive reference/);
    expect(field(s, "RefsTarget___tree", "root.label").cedarType).toBe("String");
    expect(field(s, "RefsTarget___external", "thing")).toMatchObject({ cedarType: null });
    expect(field(s, "RefsTarget___external", "thing").note).toMatch(/cannot be resolved/);
  });

  it("oneOf/anyOf: one type kept, objects merged optional, mixed types left out, null alternatives → optional", () => {
    const s = gen("combinators");
    expect(field(s, "ComboTarget___oneof_primitives", "id")).toMatchObject({ cedarType: null });
    expect(field(s, "ComboTarget___oneof_primitives", "id").note).toMatch(/mixes string and integer/);
    expect(field(s, "ComboTarget___oneof_primitives", "size").cedarType).toBe("decimal");
    expect(field(s, "ComboTarget___oneof_primitives", "label")).toMatchObject({ cedarType: "String", required: false });
    expect(field(s, "ComboTarget___oneof_objects", "payment.card")).toMatchObject({ cedarType: "String", required: false });
    expect(field(s, "ComboTarget___oneof_objects", "payment.iban")).toMatchObject({ cedarType: "String", required: false });
    expect(field(s, "ComboTarget___allof", "person.name")).toMatchObject({ cedarType: "String", required: true });
    expect(field(s, "ComboTarget___allof", "person.age").cedarType).toBe("Long");
    expect(field(s, "ComboTarget___anyof_enums", "color").enum).toEqual(["red", "green", "blue"]);
    expect(field(s, "ComboTarget___const", "kind").enum).toEqual(["fixed"]);
    expect(field(s, "ComboTarget___const", "version").cedarType).toBe("Long");
  });

  it("additionalProperties: nested maps become tag entities, top-level maps are dropped, true is ignored", () => {
    const s = gen("additional-properties");
    expect(field(s, "MapTarget___set_labels", "labels").cedarType).toBe("AgentCore::MapTarget___set_labels::Input::labels (tags String)");
    expect(field(s, "MapTarget___limits", "limits.max").cedarType).toBe("Long");
    expect(field(s, "MapTarget___open", "options").note).toMatch(/not visible/);
    const top = s.fields.find((t) => t.tool === "MapTarget___top_level_map")!;
    expect(top.notes.join(" ")).toMatch(/top level/);
    expect(field(s, "MapTarget___top_level_map", "name").cedarType).toBe("String");
    expect(
      valid(s, `permit(principal, action == AgentCore::Action::"MapTarget___set_labels", resource) when { context.input has labels && context.input.labels.hasTag("env") && context.input.labels.getTag("env") == "prod" };`),
    ).toEqual([]);
  });

  it("type arrays with null make the attribute optional; pure null and mixed types are left out", () => {
    const s = gen("nullable");
    const tool = "NullTarget___update_profile";
    expect(field(s, tool, "nickname")).toMatchObject({ cedarType: "String", required: false });
    expect(field(s, tool, "age")).toMatchObject({ cedarType: "Long", required: false });
    expect(field(s, tool, "score").cedarType).toBe("decimal");
    expect(field(s, tool, "deleted").cedarType).toBeNull();
    expect(field(s, tool, "either").cedarType).toBeNull();
  });

  it("no properties / empty schema / non-object root → empty input record, the last with a note", () => {
    const s = gen("no-properties");
    for (const t of ["NoPropsTarget___ping", "NoPropsTarget___empty_schema", "NoPropsTarget___empty_props", "NoPropsTarget___not_object"])
      expect(s.json.AgentCore.commonTypes?.[`${t}Input`]).toEqual({ type: "Record", attributes: {} });
    expect(s.fields.find((t) => t.tool === "NoPropsTarget___not_object")!.notes[0]).toMatch(/not an object/);
  });

  it("integer/number enums are plain numbers with a note; an empty enum is a plain String", () => {
    const s = gen("int-enums");
    expect(field(s, "EnumTarget___set_priority", "priority")).toMatchObject({ cedarType: "Long", required: true });
    expect(field(s, "EnumTarget___set_priority", "priority").note).toMatch(/not enforced/);
    expect(field(s, "EnumTarget___set_priority", "flag").cedarType).toBe("String");
  });

  it("names that are not Cedar identifiers are kept as quoted attributes; hyphenated tool names keep their action name", () => {
    const s = gen("odd-names");
    const tool = "My-Target___get-item";
    expect(s.json.AgentCore.actions[tool]).toBeDefined();
    expect(s.json.AgentCore.actions["My-Target___get_item"]).toBeDefined();
    expect(field(s, tool, "item-id")).toMatchObject({ cedarType: "String", required: true });
    expect(field(s, tool, "item-id").note).toMatch(/context\.input\["item-id"\]/);
    expect(field(s, tool, "in.x-y").enum).toEqual(["a", "b"]);
    expect(field(s, tool, "Set.q").cedarType).toBe("Long");
    expect(field(s, tool, "ünïcode").cedarType).toBe("String");
    expect(
      valid(s, `permit(principal, action == AgentCore::Action::"My-Target___get-item", resource) when { context.input["item-id"] == "1" && context.input has "with space" && context.input["with space"] > 2 };`),
    ).toEqual([]);
  });

  it("arrays: untyped and tuple items are handled, nested sets kept", () => {
    const s = gen("arrays");
    const tool = "ArrayTarget___arrays";
    expect(field(s, tool, "matrix").cedarType).toBe("Set<Set<Long>>");
    expect(field(s, tool, "prices").cedarType).toBe("Set<decimal>");
    expect(field(s, tool, "untyped").cedarType).toBeNull();
    expect(field(s, tool, "tuple").cedarType).toBe("Set<String>");
    expect(field(s, tool, "choices").cedarType).toBe("Set<AgentCore::ArrayTarget___arrays::Input::choices>");
  });

  it("fields without a type are left out (the generator would make an unusable Unknown entity)", () => {
    const s = gen("untyped");
    expect(field(s, "UntypedTarget___anything", "anything").cedarType).toBeNull();
    expect(field(s, "UntypedTarget___anything", "described").cedarType).toBeNull();
    expect(field(s, "UntypedTarget___anything", "enumOnly").enum).toEqual(["a", "b"]);
    expect(s.text).not.toContain("Unknown");
  });

  it("deep nesting produces nested records down to the leaf", () => {
    const s = gen("deep-nesting");
    expect(field(s, "DeepTarget___deep", "root.level1.level2.level3.level4.level5.level6").cedarType).toBe("String");
  });

  it("never throws on garbage schemas", () => {
    const weird = [null, 42, "x", [], { type: "object", properties: 5 }, { type: "object", properties: { a: null, b: 7, c: { type: "weird" } } }, { $ref: "#" }, { allOf: [{ type: "string" }, { type: "integer" }] }];
    const s = generateSchema(weird.map((inputSchema, i) => ({ name: `W___t${i}`, description: "", inputSchema: inputSchema as never })), DEFAULT_SCHEMA_OPTIONS);
    expect(cedar.checkParseSchema(s.json).type).toBe("success");
    expect(Object.keys(s.json.AgentCore.actions)).toHaveLength(weird.length + 2);
  });
});

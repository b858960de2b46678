import { describe, expect, it } from "vitest";
import { parseInlineTools } from "@/lib/targets/inline-tools";
import { checkToolDefinitions } from "@/lib/targets/tool-definition";
import { assertNoErrors, describeProblem, type TargetProblem } from "@/lib/targets/problems";

const refund = {
  name: "process_refund",
  description: "Process a customer refund",
  inputSchema: { type: "object", properties: { amount: { type: "integer", description: "Refund amount in dollars" } }, required: ["amount"] },
};
const errorsOf = (r: { problems: TargetProblem[] }) => r.problems.filter((p) => p.severity === "error");

describe("inline tool definitions (a Lambda target's inlinePayload)", () => {
  it("accepts the getting-started guide's process_refund tool as it is", () => {
    const r = parseInlineTools(JSON.stringify([refund]), { targetName: "RefundTarget" });
    expect(r.problems).toEqual([]);
    expect(r.tools).toEqual([refund]);
  });

  it("accepts the parsed array a route receives", () => {
    expect(parseInlineTools([refund]).tools).toHaveLength(1);
  });

  it("names the tool, by position and name, and the field of every problem", () => {
    const r = parseInlineTools([
      refund,
      { name: "get_order", description: "x", inputSchema: { type: "object", properties: { status: { type: "string", enum: ["open"] }, limit: { type: "long" } } } },
    ]);
    const messages = r.problems.map(describeProblem);
    expect(messages).toContain(
      'Tool 2 (get_order), inputSchema.properties.status: "enum" is not part of AgentCore\'s Lambda tool schema, which has only type, properties, required, items and description. Describe the allowed values in the description, or put the tools behind an MCP server target, whose schemas may use all of JSON Schema.',
    );
    expect(messages.some((m) => m.startsWith("Tool 2 (get_order), inputSchema.properties.limit.type: type must be one of string, number, integer, boolean, array, object"))).toBe(true);
    expect(r.tools.map((t) => t.name)).toEqual(["process_refund"]);
  });

  it("refuses a missing name, description or inputSchema, naming the tool by position", () => {
    const r = parseInlineTools([{ description: "no name", inputSchema: { type: "object" } }, { name: "b", inputSchema: { type: "object" } }, { name: "c", description: "c" }]);
    expect(errorsOf(r).map(describeProblem)).toEqual([
      "Tool 1, name: name is required: the tool's name as a non-empty string.",
      "Tool 2 (b), description: description is required in AgentCore's tool definition.",
      'Tool 3 (c), inputSchema: inputSchema is required: a JSON Schema object with type "object".',
    ]);
  });

  it("requires an object at the root of inputSchema", () => {
    const r = parseInlineTools([{ name: "a", description: "a", inputSchema: { type: "string" } }]);
    expect(describeProblem(errorsOf(r)[0])).toBe('Tool 1 (a), inputSchema.type: inputSchema must have type "object" (found "string").');
  });

  it("refuses duplicate names, pointing at the first use", () => {
    const r = parseInlineTools([refund, { ...refund, description: "again" }]);
    expect(errorsOf(r).map(describeProblem)).toEqual(["Tool 2 (process_refund), name: Tool 1 has the same name; tool names are unique within a target."]);
  });

  it("refuses names outside the MCP tool-name characters and MCP names over 256 characters", () => {
    const long = "t".repeat(250);
    const r = parseInlineTools([{ ...refund, name: "process refund" }, { ...refund, name: long }], { targetName: "RefundTarget" });
    const messages = errorsOf(r).map(describeProblem);
    expect(messages[0]).toContain('Tool 1 (process refund), name: "process refund" contains characters outside A-Z');
    expect(messages[1]).toContain("would be 265 characters; AgentCore allows at most 256");
  });

  it("says the text is not JSON, with line and column", () => {
    const r = parseInlineTools('[\n  {"name": "a",}\n]');
    expect(r.problems[0].message).toMatch(/^The tool list is not valid JSON \(line 2, column \d+\)/);
  });

  it("explains that the payload is the array, not an MCP tools/list result", () => {
    const r = parseInlineTools({ tools: [refund] });
    expect(r.problems[0]).toMatchObject({ severity: "error", help: expect.stringContaining("inside `tools`") });
  });

  it("refuses more than 1 MB of tool definitions before parsing them", () => {
    const big = JSON.stringify([{ ...refund, description: "x".repeat(1_100_000) }]);
    expect(parseInlineTools(big).problems[0].message).toBe("The tool list is 1.05 MB; AgentCore accepts at most 1 MB inline.");
  });

  it("refuses more than 1,000 tools, AgentCore's default quota per target", () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...refund, name: `t${i}` }));
    expect(parseInlineTools(many).problems[0].message).toMatch(/^1001 tools is more than AgentCore's default limit of 1000 tools per target/);
    expect(parseInlineTools(many.slice(0, 1000)).tools).toHaveLength(1000);
  });

  it("warns about property names models refuse, and about required names that are not properties", () => {
    const r = parseInlineTools([{ name: "a", description: "a", inputSchema: { type: "object", properties: { "order id": { type: "string" } }, required: ["orderId"] } }]);
    expect(r.tools).toHaveLength(1);
    expect(r.problems.map((p) => [p.severity, p.field])).toEqual([
      ["warning", 'inputSchema.properties["order id"]'],
      ["warning", "inputSchema.required"],
    ]);
  });

  it("refuses schemas nested more than 32 levels", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 40; i++) schema = { type: "object", properties: { n: schema } };
    const r = parseInlineTools([{ name: "deep", description: "d", inputSchema: schema }]);
    expect(errorsOf(r)[0].message).toBe("The schema is nested more than 32 levels deep.");
  });
});

describe("tools an MCP server lists", () => {
  it("accepts any JSON Schema, enums and unions included", () => {
    const r = checkToolDefinitions(
      [{ name: "search", inputSchema: { type: "object", properties: { status: { type: "string", enum: ["open", "closed"] }, q: { anyOf: [{ type: "string" }, { type: "null" }] } }, additionalProperties: false } }],
      { dialect: "mcp" },
    );
    expect(r.problems).toEqual([]);
    expect(r.tools[0]).toMatchObject({ name: "search", description: "" });
  });

  it("refuses reference keywords wherever they are, as AgentCore fails the synchronization", () => {
    const r = checkToolDefinitions(
      [{ name: "create", inputSchema: { type: "object", $defs: { A: { type: "string" } }, properties: { a: { $ref: "#/$defs/A" } } } }],
      { dialect: "mcp" },
    );
    expect(errorsOf(r).map((p) => p.field)).toEqual(["inputSchema.$defs", "inputSchema.properties.a.$ref"]);
  });
});

describe("what a route answers for refused definitions", () => {
  it("a 400 tool-definitions-invalid whose message starts with the first problems and whose details list them all", () => {
    const r = parseInlineTools([{ name: "a" }, { name: "b" }]);
    expect(() => assertNoErrors("tool-definitions-invalid", "The tool definitions were refused.", r.problems)).toThrow(
      expect.objectContaining({
        code: "tool-definitions-invalid",
        status: 400,
        message: expect.stringMatching(/^The tool definitions were refused\. Tool 1 \(a\), description: description is required/),
        details: { problems: r.problems },
      }),
    );
    expect(() => assertNoErrors("tool-definitions-invalid", "x", parseInlineTools([refund]).problems)).not.toThrow();
  });
});

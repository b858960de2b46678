import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { toolsFromOpenApi } from "@/lib/targets/openapi-tools";
import { describeProblem } from "@/lib/targets/problems";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/openapi", name), "utf8");
const messages = (r: { problems: Parameters<typeof describeProblem>[0][] }) => r.problems.map(describeProblem);

describe("OpenAPI → tools: a petstore-like YAML document", () => {
  const r = toolsFromOpenApi(fixture("petstore.yaml"), { targetName: "Pets" });

  it("makes one tool per operation, named by operationId", () => {
    expect(r.tools.map((t) => t.name)).toEqual(["listPets", "createPet", "getPet", "deletePet"]);
    expect(r.problems).toEqual([]);
    expect(r.operations.map((o) => [o.method, o.path, o.tool])).toEqual([
      ["GET", "/pets", "listPets"],
      ["POST", "/pets", "createPet"],
      ["GET", "/pets/{petId}", "getPet"],
      ["DELETE", "/pets/{petId}", "deletePet"],
    ]);
  });

  it("puts query and header parameters in the input schema, required as declared", () => {
    expect(r.tools[0]).toEqual({
      name: "listPets",
      description: "List the pets in the clinic",
      inputSchema: {
        type: "object",
        properties: {
          species: { type: "string", enum: ["dog", "cat", "rabbit"], description: "Only pets of this species" },
          limit: { type: "integer", maximum: 100 },
          "X-Clinic-Branch": { type: "string" },
        },
        required: ["X-Clinic-Branch"],
      },
    });
  });

  it("puts the JSON request body under body, required when the body is", () => {
    expect(r.tools[1].description).toBe("Register a new pet with its owner.");
    expect(r.tools[1].inputSchema).toMatchObject({ required: ["body"], properties: { body: { type: "object", required: ["name", "species", "owner"] } } });
  });

  it("applies path-level parameters to every operation, path parameters always required", () => {
    expect(r.tools[2].inputSchema).toEqual({ type: "object", properties: { petId: { type: "string", description: "The pet's id" } }, required: ["petId"] });
    expect(Object.keys((r.tools[3].inputSchema as { properties: object }).properties)).toEqual(["petId", "reason"]);
  });

  it("reads the same document as JSON", () => {
    const asJson = toolsFromOpenApi(JSON.stringify(parseYaml(fixture("petstore.yaml"))));
    expect(asJson.tools).toEqual(r.tools);
  });
});

describe("OpenAPI → tools: local $refs", () => {
  const r = toolsFromOpenApi(fixture("with-refs.json"));

  it("expands parameters, request bodies and schemas behind $ref, keeping a reference's own description", () => {
    const put = r.tools.find((t) => t.name === "putItem")!;
    expect(put.inputSchema).toEqual({
      type: "object",
      properties: {
        sku: { type: "string", description: "Stock keeping unit" },
        body: {
          type: "object",
          required: ["sku", "price"],
          properties: {
            sku: { type: "string", description: "Stock keeping unit" },
            price: { type: "object", required: ["amount", "currency"], properties: { amount: { type: "number" }, currency: { type: "string" } } },
            cost: { type: "object", required: ["amount", "currency"], properties: { amount: { type: "number" }, currency: { type: "string" } }, description: "What the item cost us" },
          },
        },
      },
      required: ["sku", "body"],
    });
    expect(JSON.stringify(r.tools)).not.toContain("$ref");
  });

  it("cuts a recursive schema after one level and says so for the operation", () => {
    const create = r.tools.find((t) => t.name === "createCategory")!;
    expect(create.inputSchema).toMatchObject({
      properties: { body: { properties: { children: { type: "array", items: { type: "object", description: "Recursive reference to #/components/schemas/Category; expanded once." } } } } },
    });
    expect(messages(r)).toContain(
      'paths["/categories"].post: POST /categories: #/components/schemas/Category refers to itself; the recursion is cut after one level, as tool schemas cannot hold references.',
    );
    expect(r.operations.find((o) => o.tool === "createCategory")?.unsupported).toHaveLength(1);
  });

  it("accepts a server URL whose variables have defaults", () => {
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("refuses a document whose references fan out beyond the expansion budget", () => {
    const schemas: Record<string, unknown> = { L0: { type: "string" } };
    for (let i = 1; i <= 20; i++) schemas[`L${i}`] = { type: "object", properties: { a: { $ref: `#/components/schemas/L${i - 1}` }, b: { $ref: `#/components/schemas/L${i - 1}` } } };
    const doc = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      servers: [{ url: "https://x.example.com" }],
      components: { schemas },
      paths: { "/bomb": { post: { operationId: "bomb", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/L20" } } } } } } },
    };
    const out = toolsFromOpenApi(doc);
    expect(out.tools).toEqual([]);
    expect(messages(out)).toContain('paths["/bomb"].post: POST /bomb is not a tool: its schemas grow to more than 20,000 nodes once references are expanded.');
    expect(messages(out)).toContain("paths: No operation can become a tool.");
  });
});

describe("OpenAPI → tools: operations without an operationId", () => {
  const r = toolsFromOpenApi(fixture("missing-operation-ids.yaml"));

  it("are not tools, as on AgentCore, and each is reported", () => {
    expect(r.tools.map((t) => t.name)).toEqual(["listReports"]);
    expect(messages(r)).toEqual([
      'paths["/health"].get: GET /health is not a tool: it has no operationId, and AgentCore exposes only operations with an operationId.',
      'paths["/reports"].post: POST /reports is not a tool: it has no operationId, and AgentCore exposes only operations with an operationId.',
      'paths["/debug"].trace: TRACE /debug is not a tool: AgentCore does not support the TRACE method.',
    ]);
    expect(r.operations.filter((o) => o.tool === null).map((o) => o.operationId)).toEqual([null, null, "traceDebug"]);
  });
});

describe("OpenAPI → tools: what AgentCore does not support, per operation", () => {
  const doc = {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Key" } } },
    paths: {
      "/search": {
        get: {
          operationId: "search",
          parameters: [
            { name: "tags", in: "query", schema: { type: "array", items: { type: "string" } } },
            { name: "session", in: "cookie", schema: { type: "string" } },
            { name: "filter", in: "query", style: "deepObject", schema: { type: "object" } },
          ],
          callbacks: { done: {} },
        },
      },
      "/upload": {
        post: {
          operationId: "upload",
          requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } }, "application/json": { schema: { oneOf: [{ type: "string" }, { type: "integer" }] } } } },
        },
      },
    },
  };
  const r = toolsFromOpenApi(doc);

  it("keeps the operations as tools and lists each unsupported feature", () => {
    expect(r.tools.map((t) => t.name)).toEqual(["search", "upload"]);
    expect(r.operations[0].unsupported).toEqual([
      'query parameter "tags" is an array; AgentCore supports string, number and boolean query parameters.',
      'cookie parameter "session" (AgentCore does not support cookie parameters); it is not part of the tool.',
      'query parameter "filter" uses a serialization style AgentCore does not support (only the default form style).',
      'query parameter "filter" is an object; AgentCore supports string, number and boolean query parameters.',
      "callbacks (AgentCore does not support callback operations).",
    ]);
    expect(r.operations[1].unsupported).toEqual([
      "request body media type application/octet-stream (AgentCore supports application/json, application/xml, application/x-www-form-urlencoded, multipart/form-data).",
      "oneOf at body (AgentCore does not support oneOf, anyOf or allOf).",
    ]);
    expect(Object.keys((r.tools[0].inputSchema as { properties: object }).properties)).toEqual(["tags", "filter"]);
  });

  it("says once that the document's security schemes are ignored", () => {
    expect(r.problems.filter((p) => p.field === "security")).toHaveLength(1);
  });
});

describe("OpenAPI → tools: names and references AgentCore accepts but cannot serve", () => {
  const doc = {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    paths: {
      "/orders": { get: { operationId: "list orders", parameters: [{ name: "q", in: "query", schema: { $ref: "common.yaml#/Query" } }] } },
    },
  };
  const r = toolsFromOpenApi(doc);

  it("keeps an operationId models refuse as a tool, with a warning on its operation", () => {
    expect(r.tools.map((t) => t.name)).toEqual(["list orders"]);
    expect(messages(r)).toContain(
      'paths["/orders"].get → name: "list orders" contains characters outside A-Z, a-z, 0-9, "_", "-" and "." (the MCP specification\'s tool-name characters). AgentCore creates the tool, but models refuse such names when it is called; rename the operationId.',
    );
  });

  it("reports a reference to another file and leaves the field untyped", () => {
    expect(r.operations[0].unsupported).toEqual(["common.yaml#/Query points outside the document; AgentCore reads one self-contained document."]);
    expect(r.tools[0].inputSchema).toEqual({ type: "object", properties: { q: { description: "Unresolved reference common.yaml#/Query" } } });
  });
});

describe("OpenAPI → tools: documents AgentCore refuses", () => {
  const base = { openapi: "3.0.3", info: { title: "t", version: "1" }, servers: [{ url: "https://api.example.com" }], paths: { "/a": { get: { operationId: "a" } } } };
  const errors = (input: unknown) => toolsFromOpenApi(input).problems.filter((p) => p.severity === "error").map(describeProblem);

  it("a 5 MB document, before parsing it", () => {
    const huge = JSON.stringify({ ...base, info: { title: "t", version: "1", description: "x".repeat(5 * 1024 * 1024) } });
    expect(errors(huge)).toEqual([
      "The OpenAPI document is 5.00 MB; AgentCore accepts at most 1 MB inline. On AWS a larger document (up to 10 MB) goes to S3; the local workspace takes inline documents only. Split the API across several targets.",
    ]);
  });

  it("Swagger 2.0, another OpenAPI version, or no version", () => {
    expect(errors({ swagger: "2.0", paths: {} })[0]).toBe("This is a Swagger 2.0 document; AgentCore supports OpenAPI 3.0 and 3.1 only. Convert it to OpenAPI 3 first.");
    expect(errors({ ...base, openapi: "3.2.0" })[0]).toBe('OpenAPI "3.2.0" is not supported; AgentCore supports OpenAPI 3.0 and 3.1.');
    expect(errors({ info: {} })[0]).toBe("The document has no openapi version field.");
  });

  it("no server URL, or only a relative one", () => {
    expect(errors({ ...base, servers: [{ url: "/v1" }] })[0]).toMatch(/^servers: The document has no servers entry with an absolute http\(s\) URL/);
    expect(errors({ ...base, servers: undefined })).toHaveLength(1);
  });

  it("text that is neither JSON nor YAML, with the position", () => {
    expect(errors("openapi: 3.0.0\npaths: [\n  - a: b\n   c")[0]).toMatch(/^The OpenAPI document is not valid YAML \(line \d+, column \d+\)/);
    expect(errors('{"openapi": "3.0.0",}')[0]).toMatch(/^The OpenAPI document is not valid JSON \(line 1, column \d+\)/);
    expect(errors("- just\n- a list")[0]).toBe("An OpenAPI document is a JSON or YAML object with openapi, info, servers and paths.");
  });

  it("duplicate operationIds, naming both operations", () => {
    const doc = { ...base, paths: { "/a": { get: { operationId: "same" } }, "/b": { get: { operationId: "same" } } } };
    expect(errors(doc)).toEqual([
      'paths["/b"].get.operationId: GET /b has the operationId "same" of GET /a; operationIds are unique in a document, and tool names in a target.',
    ]);
  });

  it("a YAML alias bomb", () => {
    const bomb = ["openapi: 3.0.0", "a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    expect(errors(bomb)[0]).toMatch(/^The OpenAPI document could not be read: .*alias/i);
  });
});

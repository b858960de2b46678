type Schema = { [key: string]: unknown };

/**
 * Plausible arguments for a tool from its input schema: required fields, enums' first value, the
 * schema's own examples. Amount-like integers are 500, the allowed refund of AgentCore's getting-started
 * guide, so a demo call made from an example goes through the demo policy.
 */
export function exampleArguments(schema: Schema | undefined): Record<string, unknown> {
  const value = exampleOf(schema ?? {}, "", 0);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function exampleOf(schema: Schema, name: string, depth: number): unknown {
  if (depth > 6) return null;
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length) return exampleOf(alternatives[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  switch (type) {
    case "integer":
      return typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : /amount|total|price/i.test(name) ? 500 : /limit|count|quantity/i.test(name) ? 10 : 1;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 9.99;
    case "boolean":
      return false;
    case "array":
      return schema.items && typeof schema.items === "object" ? [exampleOf(schema.items as Schema, name, depth + 1)] : [];
    case "string":
      return exampleString(schema, name);
    default: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const out: Record<string, unknown> = {};
      // Only required fields: optional ones are the user's to add, and absent is the common case.
      for (const [key, child] of Object.entries(props)) if (required.has(key)) out[key] = exampleOf(child, key, depth + 1);
      return out;
    }
  }
}

function exampleString(schema: Schema, name: string): string {
  switch (schema.format) {
    case "date-time":
      return "2026-01-15T10:00:00Z";
    case "date":
      return "2026-01-15";
    case "email":
      return "user@example.com";
    case "uri":
    case "url":
      return "https://example.com";
    case "uuid":
      return "123e4567-e89b-12d3-a456-426614174000";
  }
  if (/id$/i.test(name)) return `${name.replace(/id$/i, "").toLowerCase() || "item"}-1001`;
  if (/country/i.test(name)) return "US";
  return name ? `example ${name}` : "example";
}

/**
 * What a tool's input schema says about a field path (`input.to_account`, `input.address.city`):
 * whether the field exists and the Cedar type it becomes (DESIGN.md's JSON → Cedar mapping:
 * integer → Long, number → decimal, string → String, boolean → Bool, array → Set, object → record;
 * a string enum becomes an enum entity). Schemas the console cannot follow (`$ref`, combinators,
 * no `properties`) answer "unknown" rather than guessing.
 */
import type { JsonSchema } from "@/lib/agentcore/types";

export type FieldType = "Long" | "decimal" | "String" | "Bool" | "Set" | "Record" | "Enum" | "Null";

export type FieldLookup = { found: true; type: FieldType | null } | { found: false } | { unknown: true };

export function fieldAt(schema: JsonSchema | undefined, path: string[]): FieldLookup {
  let node: JsonSchema | undefined = schema;
  for (const name of path) {
    if (!node || typeof node !== "object") return { unknown: true };
    if (node.$ref || node.anyOf || node.oneOf || node.allOf) return { unknown: true };
    const props = node.properties as Record<string, JsonSchema> | undefined;
    if (!props) return { unknown: true };
    if (!(name in props)) return node.additionalProperties && node.additionalProperties !== false ? { unknown: true } : { found: false };
    node = props[name];
  }
  return { found: true, type: typeOf(node) };
}

function typeOf(node: JsonSchema | undefined): FieldType | null {
  if (!node || node.$ref || node.anyOf || node.oneOf || node.allOf) return null;
  if (Array.isArray(node.enum) && node.type === "string") return "Enum";
  switch (node.type) {
    case "integer":
      return "Long";
    case "number":
      return "decimal";
    case "string":
      return "String";
    case "boolean":
      return "Bool";
    case "array":
      return "Set";
    case "object":
      return "Record";
    case "null":
      return "Null";
    default:
      return null;
  }
}

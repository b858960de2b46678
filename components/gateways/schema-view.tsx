import { Badge } from "@/components/ui/badge";
import type { JsonSchema } from "@/lib/agentcore/types";

type Node = { [key: string]: unknown };

/** A readable rendering of a tool's input schema: fields, types, required, enums, nesting, descriptions. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const props = properties(schema);
  if (props.length === 0) return <p className="text-xs text-muted">No input fields.</p>;
  return <FieldList node={schema} />;
}

function FieldList({ node }: { node: Node }) {
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  return (
    <ul className="space-y-1.5">
      {properties(node).map(([name, child]) => (
        <li key={name} className="text-xs">
          <div className="flex flex-wrap items-center gap-1.5">
            <code className="font-semibold text-zinc-900 dark:text-zinc-100">{name}</code>
            <span className="font-mono text-sky-700 dark:text-sky-300">{typeLabel(child)}</span>
            {required.has(name) ? <Badge tone="red">required</Badge> : <Badge>optional</Badge>}
            {typeof child.format === "string" ? <Badge tone="blue">format: {child.format}</Badge> : null}
          </div>
          {typeof child.description === "string" ? <p className="text-zinc-600 dark:text-zinc-400">{child.description}</p> : null}
          {Array.isArray(child.enum) ? (
            <p className="flex flex-wrap items-center gap-y-0.5 text-zinc-600 dark:text-zinc-400">
              <span className="mr-1">one of:</span>
              {(child.enum as unknown[]).map((v) => (
                <code key={String(v)} className="mr-1 rounded bg-zinc-100 px-1 dark:bg-zinc-800">
                  {JSON.stringify(v)}
                </code>
              ))}
            </p>
          ) : null}
          {nested(child) ? (
            <div className="mt-1 ml-3 border-l border-zinc-200 pl-3 dark:border-zinc-700">
              <FieldList node={nested(child)!} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function properties(node: Node): Array<[string, Node]> {
  const p = node.properties;
  if (!p || typeof p !== "object") return [];
  return Object.entries(p as Record<string, unknown>).filter((e): e is [string, Node] => typeof e[1] === "object" && e[1] !== null);
}

function nested(node: Node): Node | null {
  if (properties(node).length > 0) return node;
  const items = node.items as Node | undefined;
  if (items && typeof items === "object" && properties(items).length > 0) return items;
  return null;
}

function typeLabel(node: Node): string {
  if (typeof node.$ref === "string") return `→ ${node.$ref.split("/").pop()}`;
  const t = Array.isArray(node.type) ? (node.type as string[]).join(" | ") : typeof node.type === "string" ? node.type : undefined;
  if (t === "array") {
    const items = node.items as Node | undefined;
    return `array of ${items ? typeLabel(items) : "any"}`;
  }
  if (t) return t;
  if (Array.isArray(node.oneOf)) return "oneOf";
  if (Array.isArray(node.anyOf)) return "anyOf";
  return "any";
}

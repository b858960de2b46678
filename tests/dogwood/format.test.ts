import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { formatPolicies } from "@/lib/cedar/format";
import { formatDocument } from "@/lib/dogwood/format";

const A = (t: string) => `AgentCore::Action::"Orders___${t}"`;
const DOGWOOD = `// needs a read first
@id("gated")
permit(principal, action == ${A("update_order")}, resource)
when temporal {   formerly within 1h ${A("get_order")}::response{ eventResource: resource }   };`;

describe("formatting a document with Dogwood statements", () => {
  it("formats the plain policies and keeps every Dogwood statement byte for byte", () => {
    const text = `@id("reads")   permit(principal,action==${A("get_order")},resource);\n\n${DOGWOOD}\n\n@id("lists")\npermit(  principal, action == ${A("list_orders")}, resource  );\n`;
    const r = formatDocument(cedar, text);
    if (!r.ok) throw new Error("did not format");
    expect(r.text).toContain(DOGWOOD);
    expect(r.text.startsWith('@id("reads")\npermit (')).toBe(true);
    expect(r.text).toContain(`@id("lists")\npermit (\n  principal,`);
    expect(r.text.endsWith("\n")).toBe(true);
    // Formatting twice changes nothing more.
    expect(formatDocument(cedar, r.text)).toEqual(r);
  });

  it("leaves a document of Dogwood statements alone, and formats a plain one exactly as Cedar does", () => {
    expect(formatDocument(cedar, `${DOGWOOD}\n`)).toEqual({ ok: true, text: `${DOGWOOD}\n` });
    const plain = `permit(principal,action,resource);`;
    expect(formatDocument(cedar, plain)).toEqual(formatPolicies(cedar, plain));
  });

  it("still refuses a plain policy that does not parse", () => {
    expect(formatDocument(cedar, `${DOGWOOD}\npermit(principal, action resource);`).ok).toBe(false);
  });
});

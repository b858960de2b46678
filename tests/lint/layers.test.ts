import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The layer order of lib/ is enforced by `npm run lint` (eslint.config.mjs), so a wrong import fails CI. */
const eslint = new ESLint({ cwd: path.join(import.meta.dirname, "../..") });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-globals").map((m) => m.message);
}

describe("the layer order of lib/", () => {
  it("refuses an import that goes up a layer", async () => {
    const messages = await lint("lib/cedar/example.ts", 'import { replayCall } from "@/lib/simulation/replay";\nexport const x = replayCall;\n');
    expect(messages).toEqual([expect.stringContaining("lib/cedar is below lib/simulation")]);
  });

  it("refuses an import sideways into a sibling of the same layer", async () => {
    const messages = await lint("lib/gateway/example.ts", 'import { publishDraft } from "@/lib/publishing/publish";\nexport const x = publishDraft;\n');
    expect(messages).toEqual([expect.stringContaining("lib/gateway is below lib/publishing")]);
  });

  it("refuses a relative import that leaves the folder", async () => {
    expect(await lint("lib/mcp/example.ts", 'import { x } from "../simulation/replay";\nexport const y = x;\n')).toEqual([expect.stringContaining("@/lib/")]);
  });

  it("lets pure layers use the base modules and lower layers", async () => {
    expect(await lint("lib/cedar/example.ts", 'import type { Tool } from "@/lib/agentcore/types";\nimport { AppError } from "@/lib/errors";\nexport type T = Tool;\nexport const E = AppError;\n')).toEqual([]);
    expect(await lint("lib/simulation/example.ts", 'import { readToolCall } from "@/lib/mcp/tool-call";\nimport { evaluate } from "@/lib/cedar/authorize";\nexport const x = [readToolCall, evaluate];\n')).toEqual([]);
  });

  it("keeps the adapters out of the pure layers even where the domain types live beside them", async () => {
    expect(await lint("lib/cedar/example.ts", 'import { getControlPlane } from "@/lib/agentcore";\nexport const x = getControlPlane;\n')).toEqual([expect.stringContaining("lib/cedar is below lib/agentcore")]);
  });

  it("makes components call the typed API clients, not fetch", async () => {
    const messages = await lint("components/example/thing.tsx", 'import { apiFetch } from "@/lib/api-client/request";\nexport const a = () => fetch("/api/gateways/x");\nexport const b = apiFetch;\n');
    expect(messages).toHaveLength(2);
  });
});

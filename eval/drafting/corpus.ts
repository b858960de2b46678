/**
 * The drafting evaluation corpus on disk (this folder's *.json) and a runner that drafts every entry
 * with a drafter and scores it by decisions (lib/drafting/evaluation.ts). Used by
 * `npm run eval:drafting` and by the tests that keep the offline drafter honest.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ORDER_TOOLS, REFUND_TOOLS } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { CorpusFile, scoreEntry, type CorpusEntry, type EvalGateway, type Scored } from "@/lib/drafting/evaluation";
import type { DraftInput, DraftResult, DraftTool } from "@/lib/drafting/types";

const DIR = import.meta.dirname;
export const EVAL_ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/evalgateway-0123456789";

export interface ToolSet {
  /** `demo:refund`, `demo:orders`, or `fixture:<name>` (tests/fixtures/tools/<name>.json). */
  name: string;
  tools: DraftTool[];
}

export interface LoadedEntry extends CorpusEntry {
  toolSet: string;
}

export function toolSet(name: string): ToolSet {
  if (name === "demo:refund") return { name, tools: REFUND_TOOLS.map((t) => ({ ...t, name: `RefundTarget___${t.name}` })) };
  if (name === "demo:orders") return { name, tools: ORDER_TOOLS.map((t) => ({ ...t, name: `OrdersTarget___${t.name}` })) };
  const fixture = /^fixture:([a-z0-9-]+)$/.exec(name)?.[1];
  if (!fixture) throw new Error(`Unknown tool set "${name}": use demo:refund, demo:orders or fixture:<name>.`);
  const file = path.join(DIR, "../../tests/fixtures/tools", `${fixture}.json`);
  return { name, tools: (JSON.parse(readFileSync(file, "utf8")) as { tools: DraftTool[] }).tools };
}

export function loadCorpus(dir = DIR): LoadedEntry[] {
  const entries: LoadedEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const parsed = CorpusFile.safeParse(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    entries.push(...parsed.data.entries.map((e) => ({ ...e, toolSet: parsed.data.tools })));
  }
  const ids = entries.map((e) => e.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`Two corpus entries are named ${dup}.`);
  return entries;
}

/** A gateway for a tool set, as drafting and scoring see it: its ARN, tools and generated schema. */
export function evalGateway(tools: DraftTool[], gatewayArn = EVAL_ARN): Gateway {
  const schema = generateSchema(tools);
  const json = schema.json as Record<string, unknown>;
  return { gatewayArn, tools, schemaJson: json, schema: { text: schema.text, json } };
}

type Gateway = EvalGateway & { schema: DraftInput["schema"] };
export type GatewayFor = (set: ToolSet) => Promise<Gateway | null>;

export type DraftFn = (input: Pick<DraftInput, "request" | "gatewayArn" | "tools" | "schema">) => Promise<Pick<DraftResult, "policies" | "questions">>;

/**
 * Drafts and scores entries, `concurrency` at a time. `gatewayFor` lets a drafter bound to real
 * gateways (AgentCore's generation) supply its own; entries it has none for are returned as skipped.
 */
export async function runCorpus(
  entries: LoadedEntry[],
  draft: DraftFn,
  { concurrency = 1, gatewayFor }: { concurrency?: number; gatewayFor?: GatewayFor } = {},
): Promise<{ scored: Scored[]; skipped: LoadedEntry[]; failed: Array<{ entry: LoadedEntry; error: string }> }> {
  const gateways = new Map<string, Promise<Gateway | null>>();
  const gatewayOf = (name: string) => {
    if (!gateways.has(name)) gateways.set(name, gatewayFor ? gatewayFor(toolSet(name)) : Promise.resolve(evalGateway(toolSet(name).tools)));
    return gateways.get(name)!;
  };
  const results: Array<Scored | { skipped: LoadedEntry } | { failed: LoadedEntry; error: string }> = new Array(entries.length);
  let next = 0;
  async function worker() {
    for (let i = next++; i < entries.length; i = next++) {
      const entry = entries[i];
      const gw = await gatewayOf(entry.toolSet);
      if (!gw) {
        results[i] = { skipped: entry };
        continue;
      }
      try {
        const result = await draft({ request: entry.request, gatewayArn: gw.gatewayArn, tools: gw.tools, schema: gw.schema });
        results[i] = scoreEntry(cedar, entry, gw, result);
      } catch (e) {
        results[i] = { failed: entry, error: e instanceof Error ? e.message : String(e) };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return {
    scored: results.filter((r): r is Scored => "outcome" in r),
    skipped: results.flatMap((r) => ("skipped" in r ? [r.skipped] : [])),
    failed: results.flatMap((r) => ("failed" in r ? [{ entry: r.failed, error: r.error }] : [])),
  };
}

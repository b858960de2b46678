import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Tool } from "@/lib/agentcore/types";

const DIR = path.join(import.meta.dirname, "../fixtures/tools");

export interface ToolSet {
  name: string;
  gateway: string;
  tools: Tool[];
}

export function loadToolSets(): ToolSet[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const data = JSON.parse(readFileSync(path.join(DIR, f), "utf8")) as Tool[] | { gateway?: string; tools: Tool[] };
      const tools = Array.isArray(data) ? data : data.tools;
      const gateway = (!Array.isArray(data) && data.gateway) || `arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/${f.replace(".json", "")}`;
      return { name: f.replace(".json", ""), gateway, tools };
    });
}

export function loadToolSet(name: string): ToolSet {
  const set = loadToolSets().find((s) => s.name === name);
  if (!set) throw new Error(`no fixture ${name}`);
  return set;
}

export const REFUND_GATEWAY = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
export const SEED_POLICY = `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${REFUND_GATEWAY}") when { context.input.amount < 1000 };`;

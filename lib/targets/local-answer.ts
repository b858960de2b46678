import { demoToolOutput } from "@/lib/demo/tool-outputs";
import type { LocalTool } from "@/lib/simulation/types";
import { renderResponseTemplate, type RenderedResponse } from "./response-template";

/**
 * What the local gateway answers a tool it runs itself: the tool's response template when it has
 * one, else the demo's code for seeded demo targets, else the default template (an echo that says
 * it is one). Pure and deterministic, so the simulator shows the same bytes the gateway sends.
 */
export function localAnswer(tool: LocalTool, args: Record<string, unknown>): RenderedResponse {
  if (tool.template === undefined && tool.answeredBy === "demo") return { text: demoToolOutput(`${tool.target}___${tool.tool}`, args), isError: false };
  return renderResponseTemplate(tool.template, { target: tool.target, tool: tool.tool, arguments: args });
}

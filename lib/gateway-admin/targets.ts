import "server-only";
import { z } from "zod";
import type { ControlPlane, NewTarget, Target } from "@/lib/agentcore/types";
import { recordAudit } from "@/lib/store/history";
import { parseInlineTools } from "@/lib/targets/inline-tools";
import { assertDiscoveredTools, discoverMcpTools } from "@/lib/targets/mcp-discovery";
import { checkMcpServerConfig, displayUrl, maskHeaders } from "@/lib/targets/mcp-server-config";
import { toolsFromOpenApi, type OpenApiOperation } from "@/lib/targets/openapi-tools";
import { assertNoErrors, type TargetProblem } from "@/lib/targets/problems";
import { assertResponseTemplate } from "@/lib/targets/response-template";
import { assertNewTarget } from "@/lib/targets/target-name";
import type { ToolDefinition } from "@/lib/targets/tool-definition";
import { localTargetsOf } from "./local-only";

/**
 * Adding a target to a local gateway, one kind at a time, as CreateGatewayTarget does: the name
 * first, then the tools (inline definitions, an OpenAPI document, or what an MCP server lists),
 * each refused with the tool and field named. Nothing is written until everything passed.
 */

// Fields are read loosely here so that lib/targets, not zod, says what is wrong with them.
const Common = { name: z.unknown(), description: z.unknown().optional() };
export const NewTargetBody = z.discriminatedUnion("type", [
  z.object({ ...Common, type: z.literal("inline"), tools: z.unknown() }),
  z.object({ ...Common, type: z.literal("mcp"), url: z.unknown(), headers: z.unknown().optional() }),
  z.object({ ...Common, type: z.literal("openapi"), spec: z.unknown() }),
]);
export type NewTargetBody = z.infer<typeof NewTargetBody>;

export interface AddedTarget extends Target {
  /** What AgentCore accepts but skips, ignores or fails on at call time. */
  warnings: TargetProblem[];
  /** OpenAPI targets: every operation, and the tool it became (null: why is in `warnings`). */
  operations?: OpenApiOperation[];
}

export async function addTarget(cp: ControlPlane, gatewayId: string, body: NewTargetBody, actor: string): Promise<AddedTarget> {
  localTargetsOf(cp, "add targets");
  const gateway = await cp.getGateway(gatewayId);
  assertNewTarget(body, gateway.targets.map((t) => t.name));
  const name = body.name as string;
  const description = body.description as string | undefined;
  const common = { name, ...(description === undefined ? {} : { description }) };

  let target: NewTarget;
  let warnings: TargetProblem[];
  let operations: OpenApiOperation[] | undefined;
  if (body.type === "inline") {
    const checked = parseInlineTools(body.tools, { targetName: name });
    assertNoErrors("tool-definitions-invalid", `The tools of target "${name.slice(0, 100)}" are not valid, so the target was not created.`, checked.problems);
    target = { ...common, type: "LAMBDA", tools: bare(checked.tools) };
    warnings = checked.problems;
  } else if (body.type === "openapi") {
    // An object is taken as the parsed document; it is kept as JSON text either way, and measured as such.
    const text = typeof body.spec === "string" ? body.spec : JSON.stringify(body.spec ?? null);
    const built = toolsFromOpenApi(text, { targetName: name });
    assertNoErrors("openapi-invalid", `The OpenAPI document of target "${name.slice(0, 100)}" cannot become tools, so the target was not created.`, built.problems);
    target = { ...common, type: "OPENAPI", tools: bare(built.tools), openApiSpec: text };
    warnings = built.problems;
    operations = built.operations;
  } else {
    const config = { url: body.url, headers: body.headers };
    assertNoErrors("mcp-server-invalid-config", "The MCP server's settings are not valid.", checkMcpServerConfig(config));
    const settings = { url: body.url as string, ...(body.headers === undefined ? {} : { headers: body.headers as Record<string, string> }) };
    const discovery = await discoverMcpTools(settings, { targetName: name });
    assertDiscoveredTools(discovery);
    target = { ...common, type: "MCP_SERVER", tools: bare(discovery.tools), mcpServer: { ...settings, shown: { url: displayUrl(settings.url), headers: maskHeaders(settings.headers) } } };
    warnings = discovery.problems;
  }
  const created = await cp.createGatewayTarget(gatewayId, target);
  await recordAudit({ gatewayId, actor, action: "target-add", summary: `Added target ${name} (${created.type}, ${created.tools.length} tools)`, result: "success", details: { targetId: created.targetId } });
  return { ...created, warnings: warnings.filter((p) => p.severity === "warning"), ...(operations ? { operations } : {}) };
}

export async function deleteTarget(cp: ControlPlane, gatewayId: string, targetId: string, actor: string): Promise<void> {
  localTargetsOf(cp, "delete targets");
  const gateway = await cp.getGateway(gatewayId);
  const target = gateway.targets.find((t) => t.targetId === targetId);
  await cp.deleteGatewayTarget(gatewayId, targetId);
  await recordAudit({ gatewayId, actor, action: "target-delete", summary: `Deleted target ${target?.name ?? targetId}`, result: "success", details: { targetId } });
}

export async function setResponseTemplate(cp: ControlPlane, gatewayId: string, targetId: string, tool: string, template: unknown): Promise<Target> {
  if (template !== null) assertResponseTemplate(template);
  return localTargetsOf(cp, "keep response templates").setResponseTemplate(gatewayId, targetId, tool, template);
}

/** The stored shape: the definition fields only (a listed tool may carry more, such as annotations). */
function bare(tools: ToolDefinition[]): NewTarget["tools"] {
  return tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
}

import "server-only";
import type { ControlPlane } from "@/lib/agentcore/types";
import { bareToolName } from "@/lib/agentcore/names";
import { getDb } from "@/lib/store/db";
import { listPersonas } from "@/lib/store/personas";
import { listTestCases } from "@/lib/store/test-cases";
import { isOpaque } from "@/lib/workspace/document";
import { GATEWAY_FILE_FORMAT, type ExportedTarget, type GatewayFile } from "./export-file";
import { localTargetsOf } from "./local-only";

/** The gateway as one file (export-file.ts): what a teammate needs to rebuild it, MCP header values withheld. */
export async function exportGateway(cp: ControlPlane, gatewayId: string): Promise<GatewayFile> {
  const local = localTargetsOf(cp, "export gateways");
  const db = await getDb();
  const gateway = await cp.getGateway(gatewayId);
  const [upstreams, specs, engine, policies, personas, cases] = await Promise.all([
    local.mcpUpstreams(gatewayId),
    local.openApiSpecs(gatewayId),
    gateway.policyEngine ? cp.getPolicyEngine(gateway.policyEngine.policyEngineId) : null,
    gateway.policyEngine ? cp.listPolicies(gateway.policyEngine.policyEngineId) : [],
    listPersonas(gatewayId, db),
    listTestCases(gatewayId, db),
  ]);
  const notes: string[] = [];

  const targets = gateway.targets.map((t): ExportedTarget => {
    const common = { name: t.name, ...(t.description ? { description: t.description } : {}), tools: t.tools.map((tool) => ({ ...tool, name: bareToolName(tool.name) })) };
    if (t.answeredBy === "upstream") {
      const upstream = upstreams.find((u) => u.targetName === t.name);
      const headers = Object.fromEntries(Object.keys(upstream?.headers ?? {}).map((h) => [h, null]));
      if (Object.keys(headers).length) notes.push(`Target ${t.name}: the values of its headers (${Object.keys(headers).join(", ")}) are not exported; fill them in before importing.`);
      return { ...common, type: "mcp", url: upstream?.url ?? t.mcpServer?.url ?? "", headers };
    }
    const responseTemplates = t.responseTemplates ?? {};
    if (t.type === "OPENAPI") return { ...common, type: "openapi", spec: specs[t.name] ?? "", responseTemplates };
    return { ...common, type: "inline", responseTemplates, ...(t.answeredBy === "demo" ? { demo: true } : {}) };
  });

  const suites = new Map<string, GatewayFile["suites"][number]["cases"]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), "session" in c ? { name: c.name, principal: c.principal, session: c.session } : { name: c.name, principal: c.principal, request: c.request, expected: c.expected }]);
  for (const p of policies.filter(isOpaque)) notes.push(`Policy ${p.name} is not exported: the engine holds it without a statement (${p.statementNote ?? p.definitionKind}).`);

  return {
    format: GATEWAY_FILE_FORMAT,
    exportedAt: new Date().toISOString(),
    gateway: { name: gateway.name, ...(gateway.description ? { description: gateway.description } : {}), gatewayArn: gateway.gatewayArn },
    engine: engine && gateway.policyEngine ? { name: engine.name, mode: gateway.policyEngine.mode } : null,
    policies: policies
      .filter((p) => !isOpaque(p))
      .map((p) => ({ name: p.name, description: p.description, statement: p.statement, definitionKind: p.definitionKind === "policy" ? "policy" : "cedar", enforcementMode: p.enforcementMode })),
    targets,
    personas,
    suites: [...suites].map(([suite, list]) => ({ suite, cases: list })),
    notes,
  };
}

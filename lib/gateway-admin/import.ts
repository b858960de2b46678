import "server-only";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { RESOURCE_NAME } from "@/lib/agentcore/names";
import type { ControlPlane, GatewayDetail, NewTarget } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/store/db";
import { recordAudit, recordVersion } from "@/lib/store/history";
import { replacePersonas } from "@/lib/store/personas";
import { replaceSuite } from "@/lib/store/test-cases";
import { checkMcpServerConfig, displayUrl, maskHeaders } from "@/lib/targets/mcp-server-config";
import { assertNoErrors } from "@/lib/targets/problems";
import { assertResponseTemplate } from "@/lib/targets/response-template";
import { assertNewTarget } from "@/lib/targets/target-name";
import { checkToolDefinitions } from "@/lib/targets/tool-definition";
import { GatewayFile, type ExportedTarget } from "./export-file";
import { localTargetsOf } from "./local-only";

/**
 * A gateway file (export-file.ts) becomes a new local gateway: new ids and ARN, the same targets,
 * tools, templates, engine mode, published policies (re-scoped to the new ARN), personas and
 * suites. It never replaces anything: a gateway of the same name is a 409 unless another name is
 * given. Everything is checked first and written in one transaction, so a bad file creates nothing.
 * Tools are checked with the rules of every target, not the Lambda inline rules: files carry the
 * seeded demo tools, which use `enum`.
 */

export interface ImportAnswer {
  gateway: GatewayDetail;
  /** What was left out or changed on the way in, one line each (withheld headers, a renamed engine). */
  warnings: string[];
}

export async function importGateway(cp: ControlPlane, input: unknown, options: { name?: string; actor: string; publicUrl: string }): Promise<ImportAnswer> {
  localTargetsOf(cp, "import gateways");
  const parsed = GatewayFile.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("export-file-invalid", `The gateway file is not valid: ${issues[0].path ? `${issues[0].path}: ` : ""}${issues[0].message}`, { issues });
  }
  const file = parsed.data;
  const name = options.name ?? file.gateway.name;
  const existing = await cp.listGateways();
  if (existing.some((g) => g.name === name)) {
    throw new AppError("gateway-name-taken", `A gateway named "${name}" already exists; an import never replaces one.`, { name }, "Import it under another name: POST /api/gateways/import?name=<new name> (the Import dialog asks for one).");
  }
  const warnings = [...file.notes];
  const targets = file.targets.map((t, i) => newTarget(t, file.targets.slice(0, i).map((o) => o.name), warnings));
  if (!file.engine && file.policies.length) warnings.push(`The file has ${file.policies.length} policies but no engine; they were not imported.`);

  const db = await getDb();
  const gatewayId = await db.transaction(async (tx) => {
    const local = createLocalControlPlane(tx, { publicUrl: options.publicUrl });
    const gateway = await local.createGateway({ name, ...(file.gateway.description ? { description: file.gateway.description } : {}) });
    for (const t of targets) await local.createGatewayTarget(gateway.gatewayId, t);
    if (file.engine) {
      const engineName = freeName(file.engine.name, new Set((await local.listPolicyEngines()).map((e) => e.name)));
      if (engineName !== file.engine.name) warnings.push(`A policy engine named ${file.engine.name} exists already; the imported gateway's engine is ${engineName}.`);
      const engine = await local.createPolicyEngine({ name: engineName });
      await local.setGatewayPolicyEngine(gateway.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: file.engine.mode });
      // Policies name their gateway by ARN: the exported gateway's becomes the new one's.
      const policies = file.policies.map((p) => ({ ...p, statement: p.statement.split(file.gateway.gatewayArn).join(gateway.gatewayArn) }));
      for (const p of policies) await local.createPolicy(engine.policyEngineId, p);
      if (policies.length) await recordVersion(gateway.gatewayId, { author: options.actor, message: `Imported from a file of ${file.gateway.name}`, policies }, tx);
    }
    if (file.personas.length) await replacePersonas(gateway.gatewayId, file.personas, tx);
    for (const s of file.suites) await replaceSuite(gateway.gatewayId, s.suite, s.cases, tx);
    await recordAudit({ gatewayId: gateway.gatewayId, actor: options.actor, action: "gateway-import", summary: `Imported ${name} from a file of ${file.gateway.name}`, result: "success", details: { warnings } }, tx);
    return gateway.gatewayId;
  });
  return { gateway: await cp.getGateway(gatewayId), warnings };
}

function newTarget(t: ExportedTarget, earlier: string[], warnings: string[]): NewTarget {
  assertNewTarget(t, earlier);
  const checked = checkToolDefinitions(t.tools, { dialect: t.type === "openapi" ? "openapi" : "mcp", targetName: t.name });
  assertNoErrors("tool-definitions-invalid", `Target ${t.name} in the file has tools AgentCore would refuse, so nothing was imported.`, checked.problems);
  const common = { name: t.name, ...(t.description ? { description: t.description } : {}), tools: t.tools };
  if (t.type === "mcp") {
    const headers = Object.fromEntries(Object.entries(t.headers).filter((e): e is [string, string] => e[1] !== null));
    const withheld = Object.keys(t.headers).filter((h) => t.headers[h] === null);
    if (withheld.length) warnings.push(`Target ${t.name}: header${withheld.length > 1 ? "s" : ""} ${withheld.join(", ")} had no value in the file and ${withheld.length > 1 ? "were" : "was"} left out; delete and re-add the target with ${withheld.length > 1 ? "them" : "it"}.`);
    const settings = { url: t.url, ...(Object.keys(headers).length ? { headers } : {}) };
    assertNoErrors("mcp-server-invalid-config", `Target ${t.name} in the file:`, checkMcpServerConfig(settings));
    return { ...common, type: "MCP_SERVER", mcpServer: { ...settings, shown: { url: displayUrl(t.url), headers: maskHeaders(settings.headers) } } };
  }
  for (const template of Object.values(t.responseTemplates)) assertResponseTemplate(template);
  if (t.type === "openapi") return { ...common, type: "OPENAPI", openApiSpec: t.spec, responseTemplates: t.responseTemplates };
  return { ...common, type: "LAMBDA", responseTemplates: t.responseTemplates, ...(t.demo ? { demo: true } : {}) };
}

/** `name`, or `name_2`, `name_3`… (policy engine names are unique in a workspace). */
function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, 44)}_${n}`;
    if (!taken.has(candidate) && RESOURCE_NAME.test(candidate)) return candidate;
  }
}

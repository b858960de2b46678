import "server-only";
import type { GatewayDetail } from "@/lib/agentcore/types";
import { principalKind } from "@/lib/cedar/gateway-schema";
import type { GeneratedSchema } from "@/lib/cedar/schema-from-tools";
import type { EditorAction, EditorContext } from "./editor-context";

/** What the editor needs to validate, complete and explain policies for this gateway. */
export function editorContext(gateway: GatewayDetail, schema: GeneratedSchema, claimNames: string[]): EditorContext {
  const tools = new Map(gateway.targets.flatMap((t) => t.tools).map((t) => [t.name, t]));
  const actions: EditorAction[] = schema.fields.map((doc) => ({
    id: doc.tool,
    description: tools.get(doc.tool)?.description ?? "",
    fields: doc.fields
      .filter((f) => f.cedarType !== null && !f.path.includes("[]"))
      .map((f) => ({
        path: f.path,
        cedarType: f.cedarType!,
        required: f.required,
        description: f.description,
        note: f.note,
        enumLiterals: f.enum && f.cedarType!.includes("::") ? f.enum.map((v) => `${f.cedarType}::${JSON.stringify(String(v))}`) : undefined,
      })),
  }));
  const principal = principalKind(gateway);
  return {
    gatewayId: gateway.gatewayId,
    gatewayArn: gateway.gatewayArn,
    principalType: principal,
    schemaText: schema.text,
    schemaJson: schema.json as Record<string, unknown>,
    actions,
    entityTypes: [`AgentCore::${principal}`, "AgentCore::Gateway", "AgentCore::Action"],
    claimNames: principal === "OAuthUser" ? claimNames : [],
    schemaNotes: schema.notes.map((n) => `${n.tool}${n.path ? ` · ${n.path}` : ""}: ${n.message}`),
  };
}

import "server-only";
import { z } from "zod";
import type { GatewayDetail } from "@/lib/agentcore/types";
import { DEFAULT_SCHEMA_OPTIONS, generateSchema } from "@/lib/cedar/server";
import type { GeneratedSchema, SchemaOptions } from "@/lib/cedar/schema-from-tools";
import { getSetting, putSetting } from "@/lib/store/settings";
import type { EditorAction, EditorContext } from "./editor-context";

const MappingSettings = z.object({ numbersAsDecimal: z.boolean(), objectsAsRecords: z.boolean() });
export type MappingSettings = z.infer<typeof MappingSettings>;
const KEY = "schema-mapping";

/** The workspace's JSON → Cedar mapping switches (DESIGN.md: decimal numbers and record objects by default). */
export async function getMappingSettings(): Promise<MappingSettings> {
  const stored = MappingSettings.safeParse(await getSetting(KEY));
  return stored.success ? stored.data : { numbersAsDecimal: DEFAULT_SCHEMA_OPTIONS.numbersAsDecimal, objectsAsRecords: DEFAULT_SCHEMA_OPTIONS.objectsAsRecords };
}

export async function putMappingSettings(value: MappingSettings): Promise<void> {
  await putSetting(KEY, MappingSettings.parse(value));
}

export function principalKind(gateway: GatewayDetail): SchemaOptions["principal"] {
  return gateway.authorizer.type === "AWS_IAM" ? "IamEntity" : "OAuthUser";
}

// Generating is pure but not free; tools rarely change, so results are memoised by their content.
const memo = new Map<string, GeneratedSchema>();

export async function gatewaySchema(gateway: GatewayDetail): Promise<GeneratedSchema> {
  const mapping = await getMappingSettings();
  const tools = gateway.targets.flatMap((t) => t.tools);
  const options: SchemaOptions = { principal: principalKind(gateway), ...mapping };
  const key = JSON.stringify([options, tools]);
  let schema = memo.get(key);
  if (!schema) {
    schema = generateSchema(tools, options);
    if (memo.size > 50) memo.clear();
    memo.set(key, schema);
  }
  return schema;
}

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

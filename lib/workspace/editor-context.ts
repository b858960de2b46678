import type { PrincipalKind } from "@/lib/cedar/cedar-api";

/** What the browser's editor knows about a gateway, computed on the server from its tools and schema. */

export interface EditorField {
  /** Dotted path under `context.input`, e.g. `shippingAddress.city`. */
  path: string;
  cedarType: string;
  required: boolean;
  description?: string;
  /** For enum fields: the Cedar literals to offer, e.g. `AgentCore::OrdersTarget___list_orders::Input::status::"shipped"`. */
  enumLiterals?: string[];
  note?: string;
}

export interface EditorAction {
  /** The MCP tool name, which is the action id. */
  id: string;
  description: string;
  fields: EditorField[];
}

export interface EditorContext {
  gatewayId: string;
  gatewayArn: string;
  principalType: PrincipalKind;
  schemaText: string;
  schemaJson: Record<string, unknown>;
  actions: EditorAction[];
  entityTypes: string[];
  /** Claim names seen on personas and clients; offered after `principal.getTag("`. */
  claimNames: string[];
  schemaNotes: string[];
}

/**
 * AgentCore's naming rules, in one place: the console checks names before the service does, and
 * derives the MCP name of every tool the same way.
 */

/** Policy and policy-engine names: a letter, then up to 47 letters, digits or underscores. */
export const RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
export const RESOURCE_NAME_RULE = "start with a letter; up to 48 letters, digits or underscores";

/** The separator between a target's name and its tool's name in the MCP tool name. */
export const TOOL_NAME_SEPARATOR = "___";

/** `<TargetName>___<toolName>`: the name an agent sees and the Cedar action id. */
export function mcpToolName(targetName: string, toolName: string): string {
  return `${targetName}${TOOL_NAME_SEPARATOR}${toolName}`;
}

/** The tool's own name, without its target (`process_refund` of `RefundTarget___process_refund`). */
export function bareToolName(mcpName: string): string {
  const at = mcpName.indexOf(TOOL_NAME_SEPARATOR);
  return at < 0 ? mcpName : mcpName.slice(at + TOOL_NAME_SEPARATOR.length);
}

/** Gateway and target names (CreateGateway, CreateGatewayTarget: `([0-9a-zA-Z][-]?){1,100}`): letters, digits and single hyphens. */
export const GATEWAY_NAME = /^([0-9a-zA-Z]-?)+$/;
export const GATEWAY_NAME_MAX = 100;

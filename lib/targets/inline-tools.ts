/**
 * Inline tool definitions, as a Lambda target's `toolSchema.inlinePayload`: a JSON array of
 * `{name, description, inputSchema}` pasted, uploaded or sent in a route's body. Pure.
 */
import { GATEWAY_LIMITS } from "./limits";
import { checkSize, parseJsonText } from "./json-text";
import { checkToolDefinitions, type CheckedTools } from "./tool-definition";

/** `input` is the document's text, or the already-parsed array (a route's JSON body). */
export function parseInlineTools(input: unknown, options: { targetName?: string } = {}): CheckedTools {
  let list = input;
  if (typeof input === "string") {
    const tooLarge = checkSize(input, GATEWAY_LIMITS.inlineSchemaBytes, "The tool list", "Larger schemas go to S3 on AWS; split the tools across targets here.");
    if (tooLarge) return { tools: [], problems: [tooLarge] };
    const parsed = parseJsonText(input, "The tool list");
    if (!parsed.ok) return { tools: [], problems: [parsed.problem] };
    list = parsed.value;
  }
  return checkToolDefinitions(list, { dialect: "lambda", targetName: options.targetName, maxBytes: GATEWAY_LIMITS.inlineSchemaBytes });
}

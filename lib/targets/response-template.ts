/**
 * What an inline or OpenAPI tool answers in the local gateway, which has no Lambda or API to call:
 * a JSON template per tool, rendered with the call. Pure, and safe to run on any input: no code is
 * evaluated, lookups only read the call's own data, and template and output are size-capped.
 *
 * Syntax (docs/targets.md has examples):
 * - the template is any JSON value; placeholders `{{path}}` go inside its strings;
 * - paths: `arguments`, `arguments.<field>` (dots for nesting, numbers for array positions:
 *   `arguments.items.0.sku`), `tool` (the tool's own name), `name` (its MCP name `<Target>___<tool>`),
 *   `target`;
 * - a string that is only a placeholder becomes the value itself, type kept (`"{{arguments}}"` is the
 *   arguments object; a missing value is null); a placeholder inside longer text becomes text
 *   (strings as they are, other values as JSON, missing ones empty);
 * - the rendered value is the result's text: a string as it is, anything else as JSON.
 */
import { AppError } from "@/lib/errors";
import { byteLength, formatBytes } from "./limits";
import { describeProblem, type TargetProblem } from "./problems";

export interface ToolCall {
  target: string;
  tool: string;
  arguments: Record<string, unknown>;
}

export interface RenderedResponse {
  text: string;
  isError: boolean;
}

export const MAX_TEMPLATE_BYTES = 64 * 1024;
export const MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\s*\}\}/g;
const ROOTS = new Set(["arguments", "tool", "name", "target"]);

/** The answer when a tool has no template of its own: an echo of the call that says what it is. */
export const DEFAULT_RESPONSE_TEMPLATE = {
  status: "success",
  tool: "{{name}}",
  arguments: "{{arguments}}",
  note: "Answered by the local gateway's response template: this target has no implementation here. Set the tool's response template to change this answer.",
};

export function checkResponseTemplate(template: unknown): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const json = JSON.stringify(template);
  if (json === undefined) return [{ severity: "error", message: "A response template is a JSON value." }];
  if (byteLength(json) > MAX_TEMPLATE_BYTES) return [{ severity: "error", message: `The response template is ${formatBytes(byteLength(json))}; at most ${formatBytes(MAX_TEMPLATE_BYTES)}.` }];
  const walk = (node: unknown, at: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      problems.push({ severity: "error", field: at, message: `The template is nested more than ${MAX_DEPTH} levels deep.` });
      return;
    }
    if (typeof node === "string") {
      for (const m of node.matchAll(PLACEHOLDER)) {
        const root = m[1].split(".")[0];
        if (!ROOTS.has(root)) {
          problems.push({ severity: "error", field: at || "(template)", message: `{{${m[1]}}} names nothing: placeholders start with arguments, tool, name or target.` });
        }
      }
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`, depth + 1));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k, depth + 1);
  };
  walk(template, "", 0);
  return problems;
}

export function assertResponseTemplate(template: unknown): void {
  const problems = checkResponseTemplate(template);
  if (problems.length > 0) throw new AppError("response-template-invalid", problems.map(describeProblem).join(" "), { problems });
}

export function renderResponseTemplate(template: unknown, call: ToolCall): RenderedResponse {
  const chosen = template === undefined ? DEFAULT_RESPONSE_TEMPLATE : template;
  if (checkResponseTemplate(chosen).length > 0) {
    return { text: `The response template of ${call.target}___${call.tool} is not valid; fix it in the target's settings.`, isError: true };
  }
  const budget = { left: MAX_RESPONSE_BYTES };
  const scope: Record<string, unknown> = { arguments: call.arguments, tool: call.tool, name: `${call.target}___${call.tool}`, target: call.target };
  try {
    const rendered = render(chosen, scope, budget);
    const text = typeof rendered === "string" ? rendered : JSON.stringify(rendered);
    if (byteLength(text) > MAX_RESPONSE_BYTES) throw new TooLarge();
    return { text, isError: false };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    return { text: `The response template of ${call.target}___${call.tool} renders to more than ${formatBytes(MAX_RESPONSE_BYTES)}.`, isError: true };
  }
}

class TooLarge extends Error {}

function render(node: unknown, scope: Record<string, unknown>, budget: { left: number }): unknown {
  if (typeof node === "string") return renderString(node, scope, budget);
  if (Array.isArray(node)) return node.map((n) => render(n, scope, budget));
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = render(v, scope, budget);
    return out;
  }
  return node;
}

function renderString(text: string, scope: Record<string, unknown>, budget: { left: number }): unknown {
  const whole = /^\{\{\s*([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\s*\}\}$/.exec(text);
  if (whole) {
    const value = lookup(scope, whole[1]) ?? null;
    spend(budget, JSON.stringify(value).length);
    return value;
  }
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const value = lookup(scope, path);
    const piece = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    spend(budget, piece.length);
    return piece;
  });
}

function spend(budget: { left: number }, n: number) {
  budget.left -= n;
  if (budget.left < 0) throw new TooLarge();
}

/** Own properties only: a template cannot reach prototypes or anything outside the call. */
function lookup(scope: Record<string, unknown>, path: string): unknown {
  let cur: unknown = scope;
  for (const seg of path.split(".")) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (cur && typeof cur === "object" && !Array.isArray(cur) && Object.hasOwn(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}

/**
 * Tool names, descriptions and schemas come from whoever registered the target: to the drafter they
 * are data. This spots text in them that reads like an instruction to a model, so the console can say
 * so beside the draft (the prompt already quotes them as data; this is the second line of defence).
 */
import type { DraftTool } from "./types";

const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|your|the)\b[^.]{0,20}\b(instructions?|rules?|prompts?|guidelines?)/i,
  /\b(system prompt|you are (now )?(an?|the) |as an ai\b|new instructions?)/i,
  /\b(you|the (assistant|model|ai|llm|drafter))\s+(must|should|shall|are required to)\b/i,
  /\b(permit|allow)\s+(every(thing| tool| call)?|all( tools| calls)?|any(thing| tool)?)\b[^.]{0,30}\b(for )?(everyone|anyone|all users|any principal)\b/i,
  /\bpermit\s*\(\s*principal\s*,\s*action\s*,\s*resource\s*\)/i,
  /<\/?(system|instructions?|assistant|user|tools_json|request)>/i,
];

/** Warnings naming each tool whose metadata contains instruction-like text. */
export function instructionLikeText(tools: DraftTool[]): string[] {
  const out: string[] = [];
  for (const t of tools) {
    const text = `${t.description ?? ""}\n${JSON.stringify(t.inputSchema ?? {})}`;
    const hit = PATTERNS.map((re) => re.exec(text)).find(Boolean);
    if (hit) {
      out.push(
        `The metadata of tool ${t.name} contains text that reads like an instruction to a model (“${excerpt(text, hit.index, hit[0].length)}”). It was given to the drafter as quoted data only; check that the draft does what you asked, not what the tool says.`,
      );
    }
  }
  return out;
}

function excerpt(text: string, at: number, len: number): string {
  const s = text.slice(Math.max(0, at - 10), Math.min(text.length, at + len + 30)).replace(/\s+/g, " ").trim();
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

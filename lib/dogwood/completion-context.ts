/**
 * Which Dogwood words fit at the cursor, from the text before it: the editor's completion offers
 * these beside Cedar's. Pure, so it is tested without Monaco. The words themselves come from
 * DOGWOOD_VOCABULARY, the same constants the checks use.
 */
import { GUARDRAIL_CATEGORIES, isGuardrailType } from "./guardrails";
import { DOGWOOD_VOCABULARY, type VocabularyItem } from "./vocabulary";

export interface DogwoodSuggestions {
  /** What the cursor is in, for the item's detail line. */
  context: "effect" | "clause-tag" | "temporal" | "event-kind" | "event-field" | "guardrail-type" | "guardrail-category" | "guardrail-result" | "threshold";
  items: VocabularyItem[];
}

const V = DOGWOOD_VOCABULARY;

export function dogwoodSuggestions(before: string): DogwoodSuggestions | null {
  const statement = before.slice(lastTopLevelSemicolon(before) + 1);

  const category = /BedrockGuardrails::(\w+)\(\s*\[((?:\s*"[^"]*"\s*,)*)\s*("?)(\w*)$/.exec(statement);
  if (category && isGuardrailType(category[1])) {
    const quoted = category[3] === '"';
    return { context: "guardrail-category", items: GUARDRAIL_CATEGORIES[category[1]].map((c) => ({ label: c, detail: `${category[1]} category`, snippet: quoted ? c : `"${c}"` })) };
  }
  if (/BedrockGuardrails::\w*$/.test(statement)) {
    return { context: "guardrail-type", items: V.guardrailTypes.map((t) => ({ label: t.label.split("::")[1], snippet: t.snippet.split("::").slice(1).join("::"), detail: t.detail })) };
  }
  if (/BedrockGuardrails::\w+\([^;]*\)(?:\[\s*"\w+"\s*\]\.confidenceScore|\.(?:max|min)ConfidenceScore\(\))\.\w*$/.test(statement)) {
    return { context: "threshold", items: [...V.thresholdMethods] };
  }
  if (/BedrockGuardrails::\w+\([^;]*\)\[\s*"\w+"\s*\]\.\w*$/.test(statement)) {
    return { context: "guardrail-result", items: [{ label: "confidenceScore", detail: "The category's confidence score (decimal, 0–1)" }] };
  }
  if (/BedrockGuardrails::\w+\([^;]*\)\.\w*$/.test(statement)) {
    return { context: "guardrail-result", items: [...V.guardrailAggregations] };
  }
  if (/::"[^"]*"::\w*$/.test(statement) && insideTemporal(statement)) return { context: "event-kind", items: [...V.eventKinds] };
  // A field name position: right after the brace or a comma, not in the value after a colon.
  if (/::"[^"]*"::\w+\s*\{(?:[^{}]*,)?\s*\w*$/.test(statement) && insideTemporal(statement)) return { context: "event-field", items: [...V.eventFields] };
  if (insideTemporal(statement)) return { context: "temporal", items: [...V.temporalOperators, ...V.temporalKeywords] };
  if (/\)\s*(?:(?:when|unless)\s*(?:\w+\s*)?\{[^]*\}\s*)*(?:when|unless)\s+\w*$/.test(statement)) return { context: "clause-tag", items: [...V.clauseTags] };
  if (/^\s*(?:@\w+\s*\(\s*"(?:[^"\\]|\\.)*"\s*\)\s*)*\w*$/.test(statement)) return { context: "effect", items: V.effects.filter((e) => e.label === "suppressOutput") };
  return null;
}

/** The cursor is inside a `temporal { … }` block: its brace is still open. */
function insideTemporal(statement: string): boolean {
  const at = statement.lastIndexOf("temporal");
  if (at < 0) return false;
  const rest = statement.slice(at + "temporal".length);
  if (!/^\s*\{/.test(rest)) return false;
  let depth = 0;
  for (const c of stripStrings(rest)) {
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return false;
  }
  return depth > 0;
}

function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"?/g, '""');
}

/** Where the statement around the cursor starts: after the last `;` outside strings and comments. */
function lastTopLevelSemicolon(text: string): number {
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (c === ";") last = i;
  }
  return last;
}

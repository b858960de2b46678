import "server-only";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import { cedar } from "@/lib/cedar/server";

/** Removes `@enforcement_mode("LOG_ONLY")` from the named policy of a draft, leaving the rest byte for byte. */
export function dropCanaryAnnotation(text: string, name: string): string {
  const part = splitPolicies(cedar, text).parts.find((p) => p.annotations.id === name);
  if (!part) return text;
  const cleaned = part.text.replace(/@enforcement_mode\s*\(\s*"LOG_ONLY"\s*\)\s*/, "");
  return text.slice(0, part.start) + cleaned + text.slice(part.end);
}

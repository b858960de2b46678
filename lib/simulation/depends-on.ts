import type { SimResult } from "./types";

/** What a decision depends on, as a person reads it: `depends on <construct>; <construct>`. */
export function dependsOnText(dependsOn: SimResult["dependsOn"]): string {
  const on = [...new Set((dependsOn ?? []).flatMap((d) => d.on))];
  return on.length ? `depends on ${on.join("; ")}` : "depends on a policy the console cannot decide";
}

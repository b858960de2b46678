/**
 * Names for schemas and policy sets preparsed into cedar-wasm. The wasm module is one instance per
 * process, but a bundler may load the modules that name sets more than once (Next puts a copy in each
 * route's chunk), so a counter per module would hand two copies the same name and one set would
 * silently replace the other. The counter lives on the global object, shared by every copy.
 */
const COUNTER = Symbol.for("policy-studio.cedar.preparsed-ids");

type Holder = { [COUNTER]?: number };

export function nextPreparsedId(kind: string): string {
  const g = globalThis as Holder;
  g[COUNTER] = (g[COUNTER] ?? 0) + 1;
  return `${kind}${g[COUNTER]}`;
}

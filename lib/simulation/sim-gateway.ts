import type { SimGateway } from "./types";

/** The simulator's gateway from its parts; the schema key identifies the schema in policy-set caches. */
export function simGateway(input: Omit<SimGateway, "schemaKey">): SimGateway {
  return { ...input, schemaKey: contentKey(JSON.stringify(input.schemaJson)) };
}

/** cyrb53 over the text, plus its length: a cache key, not a security property. Pure, so it runs in the browser too. */
export function contentKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}.${text.length.toString(36)}`;
}

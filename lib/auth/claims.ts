import { highest, type Role } from "@/lib/roles";

/**
 * How a signed-in person's claims become a console identity. Pure, so the mapping documented in the
 * README is tested as written.
 */

/** A claim by name, or by a dotted path into nested objects (Keycloak's `realm_access.roles`). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The claim's values: a string, a space- or comma-separated string, or an array of strings. */
export function claimValues(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * The role for these claims: the highest role any value of the role claim maps to, else the default
 * (null: the person may not use this console).
 */
export function roleFromClaims(claims: Record<string, unknown>, roleClaim: string, roleMap: Record<string, Role>, defaultRole: Role | null): Role | null {
  const mapped = claimValues(claimAt(claims, roleClaim)).flatMap((v) => (Object.hasOwn(roleMap, v) ? [roleMap[v]] : []));
  return highest(mapped) ?? defaultRole;
}

/** The name recorded as "who": the one people recognise and that stays unique in a team. */
export function displayName(claims: Record<string, unknown>): string {
  for (const key of ["preferred_username", "email", "name"]) {
    const v = claims[key];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 200);
  }
  return String(claims.sub ?? "unknown").slice(0, 200);
}

import { z } from "zod";

/**
 * The console's roles, lowest first: each may do everything the ones before it may. The server checks
 * them on every route (lib/http/route.ts `role`); the UI asks the same table why a control is off.
 */
export const Role = z.enum(["viewer", "author", "publisher", "admin"]);
export type Role = z.infer<typeof Role>;

export const ROLES = Role.options;

const RANK: Record<Role, number> = { viewer: 0, author: 1, publisher: 2, admin: 3 };

export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The highest of several roles (a user in two mapped groups gets the stronger one). */
export function highest(roles: Role[]): Role | null {
  return roles.reduce<Role | null>((best, r) => (best === null || RANK[r] > RANK[best] ? r : best), null);
}

/** What each role adds, in the words the UI uses to say why something is off. */
export const ROLE_GRANTS: Record<Role, string> = {
  viewer: "read gateways, policies, history and decisions",
  author: "edit drafts, draft with AI, simulate, and keep suites and personas",
  publisher: "publish, roll back, switch the engine's mode, create engines, promote canaries and approve change requests",
  admin: "add, import, rename and delete gateways and their targets, and manage everyone's API tokens",
};

/** One sentence for something a role may not do: "Publishing needs the publisher role; you are signed in as a viewer." */
export function roleReason(role: Role, needed: Role, doing: string, subject = "you are signed in as"): string {
  return `${capitalise(doing)} needs the ${needed} role; ${subject} ${article(role)} ${role}.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (w: string) => (/^[aeiou]/.test(w) ? "an" : "a");

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { atLeast, type Role } from "@/lib/roles";
import { findLiveToken, getApiToken, insertApiToken, listApiTokens, revokeApiToken, type ApiTokenInfo, type TokenHolder } from "@/lib/store/api-tokens";
import type { Identity } from "./identity";

/**
 * API tokens for scripts and CI. The secret is 32 random bytes, shown once at creation; the store
 * keeps its SHA-256 (a random 256-bit secret needs no slow hash), so a database leak reveals no token.
 */

const PREFIX = "pst_";

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** The holder of a presented secret, or null (unknown, revoked, expired, or not one of ours). */
export async function holderOf(secret: string): Promise<TokenHolder | null> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) return null;
  return findLiveToken(hashToken(secret));
}

export interface NewToken {
  name: string;
  role: Role;
  expiresInDays?: number;
}

/** A token for the signed-in person, with at most their own role; the secret is in the answer only. */
export async function createApiToken(who: Identity, input: NewToken): Promise<{ secret: string; token: ApiTokenInfo }> {
  if (who.via === "token") throw new AppError("role-forbidden", "An API token cannot create tokens; a person creates them in the console.");
  if (!atLeast(who.role, input.role)) throw new AppError("role-forbidden", `A token can have at most your own role (${who.role}); ${input.role} is above it.`, { role: who.role, needed: input.role });
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const token = await insertApiToken({
    name: input.name,
    role: input.role,
    tokenHash: hashToken(secret),
    prefix: secret.slice(0, PREFIX.length + 6),
    createdBy: who.name,
    createdBySubject: who.subject,
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
  });
  if (!token) throw new AppError("conflict", `A live token is already named "${input.name}". Choose another name, or revoke that one first.`);
  return { secret, token };
}

/** An admin sees every token; anyone else the ones they created. */
export const listTokensFor = (who: Identity) => listApiTokens(who.role === "admin" ? {} : { createdBySubject: who.subject });

export async function revokeTokenAs(who: Identity, id: number): Promise<ApiTokenInfo> {
  const token = await getApiToken(id);
  if (!token || (who.role !== "admin" && token.createdBySubject !== who.subject)) throw new AppError("not-found", `No API token ${id} of yours.`);
  if (token.revokedAt) throw new AppError("conflict", `Token "${token.name}" was already revoked.`);
  const revoked = await revokeApiToken(id, who.name);
  if (!revoked) throw new AppError("conflict", `Token "${token.name}" was already revoked.`);
  return revoked;
}

import { NextResponse } from "next/server";
import { z } from "zod";
import { createApiToken, listTokensFor } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";
import { Role } from "@/lib/roles";

export const dynamic = "force-dynamic";

const Body = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what uses it, e.g. ci-pipeline")
    .max(100, "A token name is at most 100 characters")
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@:-]*$/u, "A token name is letters, digits, spaces and . _ @ : -, starting with a letter or digit"),
  role: Role,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** `GET /api/tokens` → `{"tokens":[…]}`: yours, or everyone's for an admin. Never a secret. */
export const GET = route({}, async ({ who }) => NextResponse.json({ tokens: await listTokensFor(who) }, { headers: { "cache-control": "no-store" } }));

/** `POST /api/tokens` `{"name","role","expiresInDays"?}` → 201 `{"secret","token"}`: the secret is shown this once. */
export const POST = route({ role: "viewer", body: Body, maxBytes: 4 * 1024 }, async ({ who, body }) => {
  const created = await createApiToken(who, body);
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

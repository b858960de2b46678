import { NextResponse } from "next/server";
import { z } from "zod";
import { revokeTokenAs } from "@/lib/auth/api-tokens";
import { positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `DELETE /api/tokens/{tokenId}` → `{"token"}` revoked: your own, or anyone's for an admin. */
export const DELETE = route({ role: "viewer", params: z.object({ tokenId: positiveInt("tokenId") }) }, async ({ who, params }) => {
  return NextResponse.json({ token: await revokeTokenAs(who, params.tokenId) });
});

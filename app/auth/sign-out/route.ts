import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/sign-in";
import { toAppError } from "@/lib/errors";
import { checkOrigin } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** A form POST from the header (a GET would let any page sign you out with an image). */
export async function POST(req: Request): Promise<Response> {
  try {
    checkOrigin(req);
  } catch (e) {
    const err = toAppError(e);
    return NextResponse.json(err.toJSON(), { status: err.status });
  }
  return signOut();
}

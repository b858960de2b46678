import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness for scripts and the test harness; touches no backend. */
export function GET() {
  return NextResponse.json({ ok: true });
}

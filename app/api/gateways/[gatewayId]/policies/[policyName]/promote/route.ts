import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { promotePolicy } from "@/lib/publishing/promote";
import { canaryEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

/** The canary's decision-flip evidence: what promoting it would change. */
export const GET = route<{ gatewayId: string; policyName: string }>(async (_req, { params }) => {
  const { gatewayId, policyName } = await params;
  const [evidence] = await canaryEvidenceFor(await defaultDeps(), gatewayId, [decodeURIComponent(policyName)]);
  return NextResponse.json(evidence);
});

/** `POST …/policies/{name}/promote` → `{policy, version, versionNumber}`: LOG_ONLY → ACTIVE in one UpdatePolicy. */
export const POST = route<{ gatewayId: string; policyName: string }>(async (_req, { params }) => {
  const { gatewayId, policyName } = await params;
  return NextResponse.json(await promotePolicy(await defaultDeps(), gatewayId, decodeURIComponent(policyName)));
});

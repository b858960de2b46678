import { NextResponse } from "next/server";
import { z } from "zod";
import { RESOURCE_NAME, RESOURCE_NAME_RULE } from "@/lib/agentcore/names";
import { GatewayId } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { evidenceDeps } from "@/lib/evidence/service";
import { defaultDeps } from "@/lib/publishing/deps";
import { promotionRequest } from "@/lib/publishing/change-requests";
import { evidenceRange } from "@/lib/publishing/live-evidence";
import { promotePolicy } from "@/lib/publishing/promote";
import { canaryEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

// Next has decoded the path once; the name is used as it is (a `%25` in it stays a literal `%`, and fails the rule).
const Params = z.object({ gatewayId: GatewayId, policyName: z.string().regex(RESOURCE_NAME, `policyName must ${RESOURCE_NAME_RULE}`) });

const Query = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });

/** The canary's decision-flip evidence: what promoting it would change, and its real flips in the range (default: the last 7 days). */
export const GET = route({ params: Params, query: Query }, async ({ who, params, query }) => {
  const real = { evidence: await evidenceDeps(), range: evidenceRange(query) };
  const [evidence] = await canaryEvidenceFor(await defaultDeps(who), params.gatewayId, [params.policyName], real);
  return NextResponse.json(evidence, { headers: { "cache-control": "no-store" } });
});

/**
 * `POST …/policies/{name}/promote` → `{policy, version, versionNumber}`: LOG_ONLY → ACTIVE in one UpdatePolicy.
 * On an enforcing gateway with REQUIRE_APPROVAL: 202 `{"status":"pending-approval","changeRequest"}`.
 */
export const POST = route({ role: "publisher", params: Params, body: z.object({}), emptyBody: {} }, async ({ who, params }) => {
  const deps = await defaultDeps(who);
  const changeRequest = await promotionRequest(deps, who, params.gatewayId, params.policyName);
  if (changeRequest) return NextResponse.json({ status: "pending-approval", changeRequest }, { status: 202 });
  return NextResponse.json(await promotePolicy(deps, params.gatewayId, params.policyName));
});

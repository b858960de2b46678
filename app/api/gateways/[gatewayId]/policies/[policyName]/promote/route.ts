import { NextResponse } from "next/server";
import { z } from "zod";
import { RESOURCE_NAME, RESOURCE_NAME_RULE } from "@/lib/agentcore/names";
import { GatewayId } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { promotePolicy } from "@/lib/publishing/promote";
import { canaryEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

// Next has decoded the path once; the name is used as it is (a `%25` in it stays a literal `%`, and fails the rule).
const Params = z.object({ gatewayId: GatewayId, policyName: z.string().regex(RESOURCE_NAME, `policyName must ${RESOURCE_NAME_RULE}`) });

/** The canary's decision-flip evidence: what promoting it would change. */
export const GET = route({ params: Params }, async ({ params }) => {
  const [evidence] = await canaryEvidenceFor(await defaultDeps(), params.gatewayId, [params.policyName]);
  return NextResponse.json(evidence);
});

/** `POST …/policies/{name}/promote` → `{policy, version, versionNumber}`: LOG_ONLY → ACTIVE in one UpdatePolicy. */
export const POST = route({ params: Params, body: z.object({}), emptyBody: {} }, async ({ params }) => {
  return NextResponse.json(await promotePolicy(await defaultDeps(), params.gatewayId, params.policyName));
});

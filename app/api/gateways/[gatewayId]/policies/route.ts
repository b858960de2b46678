import { NextResponse } from "next/server";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const ws = await loadWorkspace(params.gatewayId);
  return NextResponse.json({
    published: ws.published.map(({ policyId, name, description, statement, status, enforcementMode }) => ({ policyId, name, description, statement, status, enforcementMode })),
    draft: ws.draft,
  });
});

import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  const ws = await loadWorkspace(gatewayId);
  return NextResponse.json({
    published: ws.published.map(({ policyId, name, description, statement, status, enforcementMode }) => ({ policyId, name, description, statement, status, enforcementMode })),
    draft: ws.draft,
  });
});

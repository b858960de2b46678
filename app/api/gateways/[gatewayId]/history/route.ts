import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { listAudit, listVersions } from "@/lib/store/history";

export const dynamic = "force-dynamic";

/** `GET …/history` → `{versions:[{version,author,message,createdAt,policyCount}], audit:[{actor,action,summary,result,at,…}]}` */
export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  const [versions, audit] = await Promise.all([listVersions(gatewayId), listAudit(gatewayId)]);
  return NextResponse.json({ versions, audit });
});

import { NextResponse } from "next/server";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listAudit, listVersions } from "@/lib/store/history";

export const dynamic = "force-dynamic";

/** `GET …/history` → `{versions:[{version,author,message,createdAt,policyCount}], audit:[{actor,action,summary,result,at,…}]}` */
export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const [versions, audit] = await Promise.all([listVersions(params.gatewayId), listAudit(params.gatewayId)]);
  return NextResponse.json({ versions, audit });
});

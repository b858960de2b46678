import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { Call } from "@/lib/simulation/schemas";
import { localAnswer } from "@/lib/targets/local-answer";
import { simulate } from "@/lib/workspace/simulate";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

const Body = z.object({
  policies: z.string().max(400 * 1024).optional(),
  calls: z.array(Call).min(1, "Send at least one call").max(10_000, "At most 10,000 calls per request"),
});

export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 8 * 1024 * 1024 }, async ({ params, body }) => {
  const ws = await loadWorkspace(params.gatewayId);
  const { results, problems } = simulate(ws.sim, body.policies ?? ws.publishedText, body.calls, localAnswer);
  return NextResponse.json({
    results: results.map((r) => ({
      decision: r.decision,
      determiningPolicies: r.determiningPolicies,
      errors: r.errors,
      response: r.response,
      logOnly: r.logOnly,
      cedarRequest: r.cedarRequest,
    })),
    ...(problems.length ? { policyProblems: problems } : {}),
  });
});

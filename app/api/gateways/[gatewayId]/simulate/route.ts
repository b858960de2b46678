import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { Call, Session } from "@/lib/simulation/schemas";
import type { SimResult } from "@/lib/simulation/types";
import { localAnswer } from "@/lib/targets/local-answer";
import { simulate, simulateSession } from "@/lib/workspace/simulate";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

const Body = z
  .object({
    policies: z.string().max(400 * 1024).optional(),
    calls: z.array(Call).min(1, "Send at least one call").max(10_000, "At most 10,000 calls per request").optional(),
    session: Session.optional(),
  })
  .refine((b) => (b.calls === undefined) !== (b.session === undefined), "Send either calls (each decided on its own) or session (an ordered session of one principal's calls), not both");

export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 8 * 1024 * 1024 }, async ({ params, body }) => {
  const ws = await loadWorkspace(params.gatewayId);
  const text = body.policies ?? ws.publishedText;
  const { results, problems } = body.session
    ? simulateSession(ws.sim, text, body.session.calls.map((c) => ({ ...c, principal: body.session!.principal })), localAnswer)
    : simulate(ws.sim, text, body.calls!, localAnswer);
  return NextResponse.json({ results: results.map(answer), ...(problems.length ? { policyProblems: problems } : {}) });
});

function answer(r: SimResult) {
  return {
    decision: r.decision,
    determiningPolicies: r.determiningPolicies,
    ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}),
    errors: r.errors,
    response: r.response,
    logOnly: r.logOnly,
    cedarRequest: r.cedarRequest,
    ...(r.session ? { session: { ...r.session, policies: r.session.policies.map(({ guardrails, ...p }) => ({ ...p, guardrails: guardrails.map(({ span: _span, ...g }) => g) })) } } : {}),
  };
}

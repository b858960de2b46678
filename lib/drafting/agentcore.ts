import "server-only";
import type { AwsControlPlane } from "@/lib/agentcore/aws";
import { cedar } from "@/lib/cedar/server";
import { AppError } from "@/lib/errors";
import { checkDraft } from "./check";
import type { Drafter, DraftInput } from "./types";

const POLL_MS = 1_000;
const MAX_WAIT_MS = 120_000;

/** AgentCore's own NL generation, offered beside Claude on the AWS backend; its findings are kept as reported. */
export function createAgentCoreDrafter(cp: AwsControlPlane, policyEngineId: string | null): Drafter {
  return {
    kind: "agentcore",
    async draft(input: DraftInput) {
      if (!policyEngineId) throw new AppError("not-available", "AgentCore's policy generation needs a policy engine attached to this gateway.");
      const started = await cp.startPolicyGeneration(policyEngineId, input.gatewayArn, input.request, `console_${Date.now()}`);
      input.onEvent?.({ type: "status", message: "AgentCore is generating…" });
      const deadline = Date.now() + MAX_WAIT_MS;
      for (;;) {
        if (input.signal?.aborted) throw new AppError("llm-cancelled", "Drafting was stopped. Your request text is kept.");
        const g = await cp.getPolicyGeneration(policyEngineId, started.policyGenerationId);
        if (g.status === "GENERATED") break;
        if (g.status !== "GENERATING") throw new AppError("aws-service-error", `AgentCore's generation ended as ${g.status}: ${g.statusReasons.join("; ") || "no reason given"}.`);
        if (Date.now() > deadline) throw new AppError("llm-timeout", "AgentCore's generation did not finish in time.");
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      const assets = await cp.listPolicyGenerationAssets(policyEngineId, started.policyGenerationId);
      const policies = assets
        .filter((a) => a.statement)
        .map((a, i) => ({ statement: a.statement.includes("@id(") ? a.statement : `@id("generated_${i + 1}")\n${a.statement}`, explanation: a.findings.map((f) => f.description).join(" ") }));
      policies.forEach((policy) => input.onEvent?.({ type: "policy", policy }));
      const result = checkDraft(cedar, "agentcore", input, {
        policies,
        assumptions: [],
        questions: assets.filter((a) => !a.statement).flatMap((a) => a.findings.map((f) => `${f.type}: ${f.description}`)),
      });
      // The service's own findings, as it reports them, before ours.
      const serviceFindings = assets.flatMap((a, i) => a.findings.map((f) => ({ type: f.type as never, policyId: `generated_${i + 1}`, message: f.description, how: "Reported by AgentCore's policy generation." })));
      return { ...result, findings: [...serviceFindings, ...result.findings] };
    },
  };
}

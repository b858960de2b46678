import type { CedarApi } from "@/lib/cedar/cedar-api";
import { listableTools } from "@/lib/cedar/listing";
import { demoToolOutput } from "@/lib/demo/tool-outputs";
import type { CorpusCall } from "@/lib/simulation/corpus";
import { draftEffect } from "@/lib/simulation/draft-effect";
import { impact as impactOf } from "@/lib/simulation/impact";
import { decisionMatrix } from "@/lib/simulation/matrix";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { replayCall } from "@/lib/simulation/replay";
import { runSuite } from "@/lib/simulation/suite";
import type { Persona, SimCall, SimGateway, TestCase } from "@/lib/simulation/types";
import type { JobContext, JobHandler } from "./protocol";

/** What every simulation job carries: the gateway, and the two documents to compare. */
interface Job {
  gateway: SimGateway;
  draftText: string;
  publishedText: string;
}

let cache: PolicySetCache | undefined;
function sets(job: Job, cedar: CedarApi) {
  cache ??= new PolicySetCache(cedar);
  return {
    draft: cache.get(job.draftText, job.gateway.schemaJson, job.gateway.schemaKey),
    published: cache.get(job.publishedText, job.gateway.schemaJson, job.gateway.schemaKey),
  };
}

const replay = (job: Job & { call: SimCall }, { cedar }: JobContext) => {
  const { draft } = sets(job, cedar);
  const result = replayCall(draft, job.gateway, job.call, demoToolOutput);
  // decideCall puts the principal's entity first. One partial evaluation per run, so only here:
  // batches (suites, matrix, impact) skip it.
  const principal = result.cedarRequest?.entities[0];
  if (principal && result.tool) result.listed = listableTools(cedar, draft, principal, job.gateway.gatewayArn, [result.tool]).length > 0;
  return { result, problems: draft.problems };
};

const suite = (job: Job & { cases: TestCase[] }, { cedar }: JobContext) => {
  const { draft, published } = sets(job, cedar);
  return runSuite(job.cases, job.gateway, draft, published);
};

const matrix = (job: Job & { personas: Persona[]; args?: Record<string, Record<string, unknown>> }, { cedar }: JobContext) => {
  const { draft, published } = sets(job, cedar);
  return decisionMatrix(job.gateway, job.personas, draft, published, job.args);
};

/** A drafted text against the editor's (`draftText` is the editor's here, `proposal` the drafted policies). */
const effect = (job: Job & { personas: Persona[]; proposal: string }, { cedar }: JobContext) => {
  cache ??= new PolicySetCache(cedar);
  const compile = (text: string) => cache!.get(text, job.gateway.schemaJson, job.gateway.schemaKey);
  return draftEffect(cedar, compile, job.gateway, job.personas, job.draftText, job.proposal);
};

const impact = (job: Job & { calls: CorpusCall[] }, { cedar, progress }: JobContext) => {
  const { draft, published } = sets(job, cedar);
  return impactOf(job.calls, job.gateway, published, draft, progress);
};

export const simulationHandlers: Record<string, JobHandler> = {
  "sim.replay": replay as JobHandler,
  "sim.suite": suite as JobHandler,
  "sim.matrix": matrix as JobHandler,
  "sim.impact": impact as JobHandler,
  "sim.draftEffect": effect as JobHandler,
};

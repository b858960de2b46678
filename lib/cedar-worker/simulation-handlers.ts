import type { CedarApi } from "@/lib/cedar/cedar-api";
import { listableTools } from "@/lib/cedar/listing";
import { localAnswer } from "@/lib/targets/local-answer";
import type { CorpusCall } from "@/lib/simulation/corpus";
import { draftEffect } from "@/lib/simulation/draft-effect";
import { impact as impactOf } from "@/lib/simulation/impact";
import { decisionMatrix } from "@/lib/simulation/matrix";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { replayCalls, replaySession, type SimSessionCall } from "@/lib/simulation/session-replay";
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
function engines(job: Job, cedar: CedarApi) {
  cache ??= new PolicySetCache(cedar);
  return { draft: cache.engine(job.draftText, job.gateway), published: cache.engine(job.publishedText, job.gateway) };
}

function sets(job: Job, cedar: CedarApi) {
  const { draft, published } = engines(job, cedar);
  return { draft: draft.plain, published: published.plain };
}

const replay = (job: Job & { call: SimCall }, { cedar }: JobContext) => {
  const { draft: engine } = engines(job, cedar);
  const draft = engine.plain;
  const [result] = replayCalls(engine, job.gateway, [job.call], localAnswer);
  // decideCall puts the principal's entity first. One partial evaluation per run, so only here:
  // batches (suites, matrix, impact) skip it.
  const principal = result.cedarRequest?.entities[0];
  if (principal && result.tool) {
    const listed = listableTools(cedar, draft, principal, job.gateway.gatewayArn, [result.tool]).length > 0;
    // A Dogwood permit for the tool may list it too; the console does not work out when, so it says nothing then.
    const tool = result.tool;
    const dogwoodPermit = engine.dogwood.some((p) => p.effect === "permit" && p.enforcementMode === "ACTIVE" && (p.actions === null || p.actions.includes(tool)));
    if (listed || !dogwoodPermit) result.listed = listed;
  }
  return { result, problems: draft.problems };
};

/** An ordered session of one principal's calls against the draft, each decided on what the earlier ones recorded. */
const session = (job: Job & { session: { principal: SimCall["principal"]; calls: Array<Omit<SimSessionCall, "principal">> } }, { cedar }: JobContext) => {
  const { draft } = engines(job, cedar);
  const calls = job.session.calls.map((c) => ({ ...c, principal: job.session.principal }));
  return { results: replaySession(draft, job.gateway, calls, { output: localAnswer }), problems: draft.plain.problems };
};

const suite = (job: Job & { cases: TestCase[] }, { cedar }: JobContext) => {
  const { draft, published } = sets(job, cedar);
  return runSuite(job.cases, job.gateway, draft, published, localAnswer);
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
  "sim.session": session as JobHandler,
  "sim.suite": suite as JobHandler,
  "sim.matrix": matrix as JobHandler,
  "sim.impact": impact as JobHandler,
  "sim.draftEffect": effect as JobHandler,
};

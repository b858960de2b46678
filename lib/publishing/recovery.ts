import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/store/history";
import { claimInterrupted, closeJournal, gatewaysWithRunningJournals, openInterrupted, type JournalEntry } from "@/lib/store/journal";
import { publishedVersion } from "@/lib/workspace/published";
import type { PublishingDeps } from "./deps";
import { engineOf, publishDraft, withGatewayLock, type PublishResult } from "./publish";

/**
 * A publish the console died in the middle of (SIGKILL, a crash, a lost machine) leaves its journal
 * `running`. Whoever next holds the gateway's publish lock knows its owner is gone: it is marked
 * interrupted, audited, shown with what was applied and what was not, and must be resumed or rolled
 * back before anything else is published.
 */

export interface InterruptedPublish {
  journalId: number;
  startedAt: string;
  actor: string;
  action: JournalEntry["action"];
  message: string;
  /** Steps the engine confirmed. */
  applied: Array<{ op: string; name: string }>;
  /** Sent, never confirmed: the engine may or may not have applied them. */
  uncertain: Array<{ op: string; name: string }>;
  failed: Array<{ op: string; name: string; message?: string }>;
  /** Never sent. */
  notApplied: Array<{ op: string; name: string }>;
  /** What Resume publishes, and what Roll back restores. */
  intendedText: string;
  previousText: string;
  previousVersionNumber: number | null;
}

export function describeInterrupted(entry: JournalEntry): InterruptedPublish {
  const byIndex = new Map(entry.steps.map((s) => [s.index, s]));
  const of = (state: string) => entry.intent.operations.filter((_, i) => byIndex.get(i)?.state === state).map(({ op, name }) => ({ op, name }));
  return {
    journalId: entry.id,
    startedAt: entry.startedAt,
    actor: entry.actor,
    action: entry.action,
    message: entry.message,
    applied: of("applied"),
    uncertain: of("started"),
    failed: entry.intent.operations.flatMap((o, i) => (byIndex.get(i)?.state === "failed" ? [{ op: o.op, name: o.name, message: byIndex.get(i)?.message }] : [])),
    notApplied: entry.intent.operations.filter((_, i) => !byIndex.has(i)).map(({ op, name }) => ({ op, name })),
    intendedText: entry.intent.text,
    previousText: entry.intent.previous.text,
    previousVersionNumber: entry.intent.previous.versionNumber,
  };
}

/** Must run holding the gateway's publish lock: claims dead publishes, then answers the open one. */
export async function interruptedUnderLock(deps: Pick<PublishingDeps, "user">, gatewayId: string): Promise<JournalEntry | null> {
  for (const entry of await claimInterrupted(gatewayId)) {
    const v = describeInterrupted(entry);
    await recordAudit({
      gatewayId,
      actor: deps.user,
      action: "publish-interrupted",
      summary: `Found a ${entry.action} by ${entry.actor} (started ${entry.startedAt}) interrupted: ${v.applied.length} of ${entry.intent.operations.length} steps applied, ${v.uncertain.length} unconfirmed, ${v.notApplied.length} never sent.`,
      result: "partial",
      details: { journalId: entry.id, applied: v.applied, uncertain: v.uncertain, notApplied: v.notApplied },
    });
  }
  return openInterrupted(gatewayId);
}

export async function resolveInterrupted(deps: Pick<PublishingDeps, "user">, gatewayId: string, resolves: { journalId: number; as: "resumed" | "rolled-back" }, outcome: string): Promise<void> {
  await closeJournal(resolves.journalId, resolves.as);
  await recordAudit({
    gatewayId,
    actor: deps.user,
    action: "publish-recovery",
    summary: `The interrupted publish #${resolves.journalId} was ${resolves.as === "resumed" ? "resumed" : "rolled back"}: ${outcome}.`,
    result: outcome === "finished" || outcome.startsWith("the engine already") ? "success" : "partial",
    details: resolves,
  });
}

/** The gateway's interrupted publish, if any; `running` when another publish holds the lock right now. */
export async function findInterrupted(deps: PublishingDeps, gatewayId: string): Promise<{ interrupted: InterruptedPublish | null; running: boolean }> {
  try {
    const entry = await withGatewayLock(gatewayId, () => interruptedUnderLock(deps, gatewayId));
    return { interrupted: entry ? describeInterrupted(entry) : null, running: false };
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return { interrupted: null, running: true };
    throw e;
  }
}

/** Resume publishes what the interrupted publish meant to; Roll back restores the set it replaced. Both from what is live now. */
export async function recoverInterrupted(deps: PublishingDeps, gatewayId: string, action: "resume" | "roll-back"): Promise<PublishResult> {
  const { interrupted } = await findInterrupted(deps, gatewayId);
  if (!interrupted) throw new AppError("not-found", "This gateway has no interrupted publish to resume or roll back.");
  const gateway = await deps.loadGateway(gatewayId);
  const current = publishedVersion(await deps.cp.listPolicies(engineOf(gateway).policyEngineId));
  const resume = action === "resume";
  return publishDraft(deps, gatewayId, {
    text: resume ? interrupted.intendedText : interrupted.previousText,
    baseVersion: current,
    message: resume ? `Resume: ${interrupted.message || "interrupted publish"}` : `Roll back the interrupted publish #${interrupted.journalId}`,
    ...(resume || interrupted.previousVersionNumber === null ? {} : { rollbackOf: interrupted.previousVersionNumber }),
    resolves: { journalId: interrupted.journalId, as: resume ? "resumed" : "rolled-back" },
  });
}

/** When a console process starts: every publish left running by a process that is gone is found and audited. */
export async function detectInterruptedOnStart(deps: PublishingDeps): Promise<number> {
  let found = 0;
  for (const gatewayId of await gatewaysWithRunningJournals()) {
    try {
      if (await withGatewayLock(gatewayId, () => interruptedUnderLock(deps, gatewayId))) found++;
    } catch (e) {
      if (!(e instanceof AppError && e.code === "conflict")) throw e; // another instance is publishing it right now
    }
  }
  return found;
}

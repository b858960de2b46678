import { PolicySession, type SessionEngine } from "@/lib/dogwood/session";

/**
 * The local gateway's policy sessions: one per (gateway, principal, session id), as AgentCore binds a
 * session to the caller's identity. Bounded in count and idle time, so a client inventing ids cannot
 * grow memory without limit; what is dropped is remembered as gone, so a reused id is refused rather
 * than silently starting over with an empty history (which would lift a count or a rate limit).
 */

export interface SessionLimits {
  /** Live sessions kept, least recently used dropped first. */
  maxSessions: number;
  /** A session unused this long is dropped (seconds). */
  idleSeconds: number;
  /** Calls one session may hold; past it a call is denied. */
  maxCalls: number;
  /** Ids of dropped and invalidated sessions remembered, so their reuse is refused. */
  maxRetired: number;
}

/**
 * Idle sessions go after 24 hours, Dogwood's default cap on a window: by then no event of theirs is
 * inside any window, so dropping them changes no decision.
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxSessions: 10_000, idleSeconds: 24 * 3600, maxCalls: 1_000, maxRetired: 100_000 };

export type SessionOpen = { ok: true; session: PolicySession } | { ok: false; reason: "invalidated" | "expired" | "full"; message: string };

interface Entry {
  session: PolicySession;
  /** The engine's temporal policies when the session started: a change to them invalidates it. */
  temporalKey: string;
  lastUsed: number;
}

export class PolicySessions {
  private live = new Map<string, Entry>();
  private retired = new Map<string, "invalidated" | "expired">();

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {}

  /** The caller's session under the engine now in force, starting it on first use. `now` is in seconds. */
  open(key: { gatewayId: string; sub: string; sessionId: string }, engine: SessionEngine, temporalKey: string, now: number): SessionOpen {
    const id = JSON.stringify([key.gatewayId, key.sub, key.sessionId]);
    const gone = this.retired.get(id);
    if (gone) return refusal(gone);
    let entry = this.live.get(id);
    if (entry && now - entry.lastUsed > this.limits.idleSeconds) {
      this.retire(id, "expired");
      return refusal("expired");
    }
    if (entry && entry.temporalKey !== temporalKey) {
      this.retire(id, "invalidated");
      return refusal("invalidated");
    }
    if (!entry) {
      entry = { session: new PolicySession(engine, key.sessionId), temporalKey, lastUsed: now };
      this.evictFor(now);
    } else {
      this.live.delete(id);
      if (entry.session.engine !== engine) entry.session.rebind(engine);
    }
    entry.lastUsed = now;
    this.live.set(id, entry);
    if (entry.session.length >= this.limits.maxCalls) {
      return { ok: false, reason: "full", message: `The local gateway keeps at most ${this.limits.maxCalls} calls per policy session; start a new session id.` };
    }
    return { ok: true, session: entry.session };
  }

  /** How many sessions are live (tests check the bound). */
  get size(): number {
    return this.live.size;
  }

  private evictFor(now: number) {
    for (const [id, e] of this.live) {
      if (this.live.size < this.limits.maxSessions && now - e.lastUsed <= this.limits.idleSeconds) break;
      this.retire(id, "expired");
    }
  }

  private retire(id: string, why: "invalidated" | "expired") {
    this.live.delete(id);
    this.retired.set(id, why);
    if (this.retired.size > this.limits.maxRetired) this.retired.delete(this.retired.keys().next().value!);
  }
}

function refusal(why: "invalidated" | "expired"): SessionOpen {
  return why === "invalidated"
    ? { ok: false, reason: why, message: "ConflictException: a temporal policy was created or updated since this policy session started, which invalidates it; start a new session with a new session id." }
    : { ok: false, reason: why, message: "ConflictException: the local gateway no longer holds this policy session (it was idle too long or dropped for newer ones); start a new session with a new session id." };
}

/**
 * The event history a temporal condition is evaluated over (formal specification §6.1): every
 * ingested event is one timepoint, the decision event included, in the order they happened.
 */

/** An entity value inside an event or the request (Cedar's JSON form). */
export interface EntityValue {
  __entity: { type: string; id: string };
}

export interface TemporalEvent {
  /** The action's entity type and id, e.g. `AgentCore::Action` and `RefundTarget___process_refund`. */
  actionType: string;
  action: string;
  /** `request`, `response`, `error` (or a custom kind of a Dogwood event schema). */
  kind: string;
  /** The event's fields as a record: `input`, `output`, `eventResource`, … (absent = not known). */
  fields: Record<string, unknown>;
  /** Seconds on any fixed clock; windows compare differences. */
  at: number;
  /** Where the event came from, so a decision can say which earlier events made a condition true. */
  origin: { call: number; kind: string };
}

/**
 * One position of the history. Usually one event; when the earlier call's decision is itself
 * undecided, its result is a `response` or an `error` event and both are kept as alternatives.
 */
export type HistorySlot = TemporalEvent | { alternatives: TemporalEvent[] };

export function isAlternatives(slot: HistorySlot): slot is { alternatives: TemporalEvent[] } {
  return "alternatives" in slot;
}

export function entity(type: string, id: string): EntityValue {
  return { __entity: { type, id } };
}

export function isEntity(v: unknown): v is EntityValue {
  return typeof v === "object" && v !== null && "__entity" in v;
}

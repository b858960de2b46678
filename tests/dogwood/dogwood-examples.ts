/**
 * The examples of Dogwood's documentation (`dogwood-docs/examples/` of dogwood-policy/dogwood),
 * ported as data: each example's policy, its trace as a list of events, and the decision expected at
 * each decision event. Expectations come from the example's README where it states them; where the
 * example ships a trace but no README, or only a README describing its trace, that is said per case.
 * The examples use Dogwood's own `Drupe` world and its default event schema (`request` decides,
 * `callerPrincipal`/`callerResource`/`requestId` fields), not AgentCore's, so they run through the
 * evaluator core (policy-eval, temporal-eval, combine) rather than the AgentCore session.
 */

export interface ExampleEvent {
  at: number;
  action: string;
  kind: string;
  principal: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  /** Fields beyond input/output (the default schema's caller fields are added from `principal`). */
  extra?: Record<string, unknown>;
}

export interface ExampleCase {
  name: string;
  policy: string;
  /** The event kind that is a decision point (Dogwood's default schema: `request`). */
  decisionKind: string;
  events: ExampleEvent[];
  /** One entry per decision event, in order: what Dogwood decides. */
  expected: Array<"ALLOW" | "DENY">;
  /** Where the expectation comes from. */
  source: string;
  /** Why the console cannot reproduce some decisions: it reports them as depending on this construct. */
  unsupported?: { reason: string; dependsOn: RegExp; decisions: Array<"ALLOW" | "DENY" | "UNDECIDED"> };
}

const req = (at: number, action: string, principal: string, input: Record<string, unknown>): ExampleEvent => ({ at, action, kind: "request", principal, input });
const resp = (at: number, action: string, principal: string, input: Record<string, unknown>, output: Record<string, unknown>): ExampleEvent => ({ at, action, kind: "response", principal, input, output });

export const EXAMPLES: ExampleCase[] = [
  {
    name: "write_after_read_formerly",
    policy: `permit (principal, action == Drupe::Action::"Write", resource)
when temporal {
    formerly within 1h Drupe::Action::"Read"::request{ input.user: context.input.user, input.document: context.input.document }
};`,
    decisionKind: "request",
    events: [
      req(0, "Read", "alice", { document: "doc1", user: "alice" }),
      req(10, "Write", "alice", { document: "doc1", user: "alice" }),
      req(20, "Write", "alice", { document: "doc2", user: "alice" }),
      req(30, "Write", "bob", { document: "doc1", user: "bob" }),
      req(3700, "Write", "alice", { document: "doc1", user: "alice" }),
    ],
    expected: ["DENY", "ALLOW", "DENY", "DENY", "DENY"],
    source: "trace.log and README",
  },
  {
    name: "read_after_login",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    formerly within 1h Drupe::Action::"Login"::request{ input.user: context.input.user }
};`,
    decisionKind: "request",
    events: [req(0, "Login", "alice", { user: "alice" }), req(10, "Read", "alice", { user: "alice" }), req(7200, "Read", "alice", { user: "alice" })],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "trace.log and README",
  },
  {
    name: "read_login_not_logout",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    formerly within 1h Drupe::Action::"Login"::request{ input.user: context.input.user }
    && !Drupe::Action::"Logout"::request{ input.user: context.input.user }
};`,
    decisionKind: "request",
    events: [
      req(0, "Login", "alice", { user: "alice", server: "s1" }),
      req(100, "Read", "alice", { user: "alice", document: "doc1" }),
      req(4000, "Read", "alice", { user: "alice", document: "doc4" }),
      req(4100, "Read", "bob", { user: "bob", document: "doc2" }),
    ],
    expected: ["DENY", "ALLOW", "DENY", "DENY"],
    source: "trace.log; no README: expected decisions derived from the guide's semantics (the login at @0 is 4000 s old at @4000; bob never logged in)",
  },
  {
    name: "sell_after_approval_valid_ticker",
    policy: `permit ( principal, action == Drupe::Action::"SellShares", resource )
when temporal {
    formerly within 1h Drupe::Action::"ApproveSale"::request{ input.stock: context.input.stock }
}
when guardrails {
    Strings::Matches(context.input.stock, "^[A-Z]+$").matched == true
};`,
    decisionKind: "request",
    events: [
      req(0, "ApproveSale", "alice", { shares: 5, stock: "AMZN" }),
      req(100, "SellShares", "alice", { shares: 5, stock: "AMZN" }),
      req(200, "ApproveSale", "bob", { shares: 3, stock: "goog" }),
      req(300, "SellShares", "bob", { shares: 3, stock: "goog" }),
      req(5000, "SellShares", "carol", { shares: 2, stock: "MSFT" }),
    ],
    expected: ["DENY", "ALLOW", "DENY", "DENY", "DENY"],
    source: "trace.log; no README: expected decisions derived (AMZN matches the uppercase regex, goog does not; MSFT was never approved)",
    unsupported: {
      reason: "Strings::Matches is a provider declared in the example's providers.json; AgentCore offers only BedrockGuardrails providers, so the console does not evaluate it",
      dependsOn: /Strings::Matches/,
      decisions: ["DENY", "UNDECIDED", "DENY", "UNDECIDED", "DENY"],
    },
  },
  {
    name: "temporal_login_then_read",
    policy: `def temporal recently_logged_in(?u) {
    formerly within 1h Drupe::Action::"Login"::request{ input.user: ?u }
};
def temporal recently_read(?u, ?d) {
    formerly within 1h Drupe::Action::"Read"::request{ input.user: ?u, input.document: ?d }
};
permit (principal, action == Drupe::Action::"Write", resource)
when temporal {
    recently_logged_in(context.input.user)
    && recently_read(context.input.user, context.input.document)
};`,
    decisionKind: "request",
    events: [
      req(0, "Login", "alice", { server: "s1", user: "alice" }),
      req(10, "Read", "alice", { document: "doc1", user: "alice" }),
      req(20, "Write", "alice", { document: "doc1", user: "alice" }),
      req(30, "Write", "alice", { document: "doc2", user: "alice" }),
      req(40, "Write", "bob", { document: "doc1", user: "bob" }),
    ],
    expected: ["DENY", "DENY", "ALLOW", "DENY", "DENY"],
    source: "trace.log; no README: expected decisions derived by expanding the two macros",
    unsupported: { reason: "the condition is written with `def temporal` macros, which the console does not expand", dependsOn: /macro/, decisions: ["DENY", "DENY", "UNDECIDED", "UNDECIDED", "UNDECIDED"] },
  },
  {
    name: "read_after_login_success",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    formerly within 1h Drupe::Action::"Login"::response{ input.user: context.input.user, output.result: true }
};`,
    decisionKind: "request",
    events: [
      resp(0, "Login", "alice", { user: "alice" }, { result: true }),
      req(100, "Read", "alice", { user: "alice", document: "doc1" }),
      resp(250, "Login", "bob", { user: "bob" }, { result: false }),
      req(300, "Read", "bob", { user: "bob", document: "doc2" }),
    ],
    expected: ["ALLOW", "DENY"],
    source: "README (its trace is not in the index; the events are rebuilt from the README's description, the timestamps of the Login responses chosen before each read)",
  },
  {
    name: "read_prev_login_success",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    previous within 1h Drupe::Action::"Login"::response{ input.user: context.input.user, output.result: true }
};`,
    decisionKind: "request",
    events: [
      req(0, "Read", "alice", { user: "alice" }),
      resp(5, "Login", "alice", { user: "alice" }, { result: true }),
      req(7, "Read", "alice", { user: "alice" }),
      resp(30, "Login", "bob", { user: "bob" }, { result: false }),
      req(31, "Read", "bob", { user: "bob" }),
    ],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "README (events rebuilt from its description: @0, @5, @7, @30, @31)",
  },
  {
    name: "login_attempt_custom_kind",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    formerly within 1h Drupe::Action::"Login"::attempt{ input.user: context.input.user, actor: principal }
};`,
    decisionKind: "attempt",
    events: [
      { at: 0, action: "Login", kind: "attempt", principal: "alice", input: { user: "alice" } },
      { at: 10, action: "Read", kind: "attempt", principal: "alice", input: { user: "alice" } },
      { at: 20, action: "Read", kind: "attempt", principal: "bob", input: { user: "bob" } },
    ],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "README and event.dwschema (`attempt` is the decision kind, the principal field is named `actor`)",
  },
  {
    name: "alert_heartbeat_and_login_rate",
    policy: `permit (principal, action == Drupe::Action::"Alert", resource)
when temporal {
    formerly within 1h Drupe::Action::"Heartbeat"::request{ input.server: context.input.server }
    && exists (n: Long). (
        (count for (t: Timepoint). where (
            Drupe::Action::"Login"::request{ input.user: _, input.server: context.input.server } && tp(t)
        )) == n && n > 2
    )
};`,
    decisionKind: "request",
    events: [
      req(0, "Heartbeat", "ops", { server: "s1" }),
      req(10, "Login", "alice", { user: "alice", server: "s1" }),
      req(20, "Login", "bob", { user: "bob", server: "s1" }),
      req(30, "Login", "carol", { user: "carol", server: "s1" }),
      req(40, "Alert", "ops", { server: "s1" }),
      req(50, "Alert", "ops", { server: "s1" }),
    ],
    expected: ["DENY", "DENY", "DENY", "DENY", "DENY", "DENY"],
    source: "README (every timepoint denies: the count's body is not under a past operator, so it counts only the current timepoint)",
  },
  {
    name: "alert_exactly_three_transfers",
    policy: `permit (principal, action == Drupe::Action::"Alert", resource)
when temporal {
    exists (n: Long). (
        (count for (t: Timepoint). where (
            formerly within 1h (Drupe::Action::"Transfer"::request{ input.amount: * } && tp(t))
        )) == n && n == 3
    )
};`,
    decisionKind: "request",
    events: [
      req(0, "Transfer", "alice", { amount: 10 }),
      req(10, "Transfer", "alice", { amount: 10 }),
      req(20, "Transfer", "bob", { amount: 99 }),
      req(30, "Alert", "ops", {}),
      req(40, "Transfer", "bob", { amount: 1 }),
      req(50, "Alert", "ops", {}),
      req(3700, "Alert", "ops", {}),
    ],
    expected: ["DENY", "DENY", "DENY", "ALLOW", "DENY", "DENY", "DENY"],
    source: "policy only (no trace): events made up for the policy's stated intent, \"exactly three Transfers, regardless of amount, within the last hour\"; at @3700 only the @3700-… window matters (none)",
  },
  {
    name: "alert_pending_transfers",
    policy: `permit (principal, action == Drupe::Action::"Alert", resource)
when temporal {
    (count for (t: Timepoint). where (
        formerly within 1h (Drupe::Action::"Transfer"::response{ requestId: _ } && tp(t))
    ))
    < count for (t: Timepoint). where (
        formerly within 1h (Drupe::Action::"Transfer"::request{ requestId: _ } && tp(t))
    )
};`,
    decisionKind: "request",
    events: [
      req(0, "Transfer", "alice", { amount: 1 }),
      req(5, "Alert", "ops", {}),
      resp(10, "Transfer", "alice", { amount: 1 }, {}),
      req(15, "Alert", "ops", {}),
    ],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "README (no trace): events made up for its stated intent, \"more Transfer requests than resolutions in the last hour\"",
  },
  {
    name: "max_window_raised",
    policy: `permit (principal, action == Drupe::Action::"Read", resource)
when temporal {
    formerly within 7d Drupe::Action::"Login"::request{ input.user: context.input.user }
};`,
    decisionKind: "request",
    events: [req(0, "Login", "alice", { user: "alice" }), req(3 * 86400, "Read", "alice", { user: "alice" }), req(8 * 86400, "Read", "alice", { user: "alice" })],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "policy and event.dwschema (max_window = 30d; no trace): a read 3 days and 8 days after the login",
  },
  {
    name: "write_after_read",
    policy: `permit (principal, action == Drupe::Action::"SellShares", resource)
when temporal {
    formerly within 1h Drupe::Action::"ApproveSale"::request{ input.stock: context.input.stock }
};`,
    decisionKind: "request",
    events: [req(0, "ApproveSale", "alice", { stock: "AMZN" }), req(10, "SellShares", "alice", { stock: "AMZN" }), req(20, "SellShares", "alice", { stock: "GOOG" })],
    expected: ["DENY", "ALLOW", "DENY"],
    source: "policy only (no trace): events made up for its stated intent, the approval pinned to the same stock",
  },
];

/** Examples the console cannot port at all, with the reason (their policy is written in macros). */
export const NOT_PORTED: Array<{ name: string; reason: string }> = [
  { name: "temporal_once_read_recent", reason: "its condition is a call of the `once` macro defined beside it (`def temporal`); macros are not expanded by the console" },
  { name: "call_temporal_condition_macro_once", reason: "its condition is a call of the `once` macro from a macro library; macros are not expanded by the console" },
  { name: "call_temporal_condition_macros_composed", reason: "only its macro library is published; its policy composes macros, which the console does not expand" },
  { name: "cedar_eligible_not_blocked", reason: "its condition composes two `def cedar` macros (and its policy text is not published beside the README)" },
];

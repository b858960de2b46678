import type { CallPrincipal, SimCall, TestCase } from "./types";

/** A call to compare between the published set and the draft, labelled for the impact list. */
export interface LabelledCall extends SimCall {
  label: string;
  source: "case" | "recorded";
}

/** What the local gateway recorded about one call (a decision-log entry, in `recentCalls`' shape). */
export interface RecordedCallLike {
  id: number;
  persona: string | null;
  principal: CallPrincipal;
  request: { params: { name: string; arguments: Record<string, unknown> } };
}

const shortTool = (name: string) => name.split("___").pop() ?? name;

/**
 * Everything the impact of a draft is measured over: the saved test cases, then the calls the gateway
 * recorded (newest first). Labels say where a call comes from so a flip can be traced back.
 */
export function impactCorpus(cases: Array<Pick<TestCase, "name" | "principal" | "request"> & { suite?: string }>, recorded: RecordedCallLike[]): LabelledCall[] {
  return [
    ...cases.map((c) => ({
      principal: c.principal,
      request: c.request,
      source: "case" as const,
      label: `case: ${c.suite && c.suite !== "default" ? `${c.suite} / ` : ""}${c.name}`,
    })),
    ...recorded.map((r) => ({
      principal: r.principal,
      request: r.request,
      source: "recorded" as const,
      label: `recorded #${r.id}: ${shortTool(r.request.params.name)} ${JSON.stringify(r.request.params.arguments)} as ${r.persona ?? r.principal.sub}`,
    })),
  ];
}

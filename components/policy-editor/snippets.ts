import type { EditorContext } from "@/lib/workspace/editor-context";

/** Policy templates offered by completion; `$1`… are snippet tab stops. */
export function SNIPPETS(ctx: EditorContext): Array<{ label: string; detail: string; body: string }> {
  const gw = `AgentCore::Gateway::"${ctx.gatewayArn}"`;
  const first = ctx.actions[0]?.id ?? "Target___tool";
  const numeric = ctx.actions.flatMap((a) => a.fields.filter((f) => f.cedarType === "Long").map((f) => ({ a, f })))[0];
  return [
    {
      label: "permit-tool",
      detail: "Permit one tool on this gateway",
      body: `@id("\${1:allow_tool}")\npermit(\n  principal,\n  action == AgentCore::Action::"\${2:${first}}",\n  resource == ${gw}\n);`,
    },
    {
      label: "forbid-tool",
      detail: "Forbid one tool on this gateway",
      body: `@id("\${1:deny_tool}")\nforbid(\n  principal,\n  action == AgentCore::Action::"\${2:${first}}",\n  resource == ${gw}\n);`,
    },
    {
      label: "permit-role",
      detail: "Permit a tool to one role (JWT claim)",
      body: `@id("\${1:role_may_call}")\npermit(\n  principal,\n  action == AgentCore::Action::"\${2:${first}}",\n  resource == ${gw}\n)\nwhen { principal.hasTag("role") && principal.getTag("role") == "\${3:agent-role}" };`,
    },
    {
      label: "permit-amount-limit",
      detail: "Permit a tool under a numeric limit",
      body: `@id("\${1:under_limit}")\npermit(\n  principal,\n  action == AgentCore::Action::"\${2:${numeric?.a.id ?? first}}",\n  resource == ${gw}\n)\nwhen { context.input.\${3:${numeric?.f.path ?? "amount"}} < \${4:1000} };`,
    },
    {
      label: "permit-all-tools",
      detail: "Permit every tool of this gateway (CallTool group)",
      body: `@id("\${1:allow_all_tools}")\npermit(\n  principal,\n  action in AgentCore::Action::"CallTool",\n  resource == ${gw}\n);`,
    },
  ];
}

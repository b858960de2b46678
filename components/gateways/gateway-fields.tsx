import { FormError } from "@/components/ui/form-error";
import { GATEWAY_NAME, GATEWAY_NAME_MAX } from "@/lib/agentcore/names";

export const validGatewayName = (name: string) => name.length <= GATEWAY_NAME_MAX && GATEWAY_NAME.test(name);

/** A gateway's name (AgentCore's rule, said as the user types) and description, for New gateway and Rename. */
export function GatewayFields({ name, description, onName, onDescription, error }: { name: string; description: string; onName(v: string): void; onDescription(v: string): void; error: string | null }) {
  const invalid = name !== "" && !validGatewayName(name);
  return (
    <>
      <label className="block">
        <span className="text-zinc-600 dark:text-zinc-400">Name</span>
        <input value={name} onChange={(e) => onName(e.target.value)} aria-invalid={invalid} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-950" />
      </label>
      {invalid ? <p className="text-xs text-red-700 dark:text-red-300">Letters, digits and single hyphens, starting with a letter or digit, at most {GATEWAY_NAME_MAX}.</p> : null}
      <label className="block">
        <span className="text-zinc-600 dark:text-zinc-400">Description (optional)</span>
        <input value={description} maxLength={200} onChange={(e) => onDescription(e.target.value)} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
      </label>
      <FormError message={error} />
    </>
  );
}

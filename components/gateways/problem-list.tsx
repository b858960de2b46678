import type { ApiError } from "@/lib/api-client/request";
import type { TargetProblem } from "@/lib/targets/problems";

/** A refused definition's problems, one per line, each naming its tool and field (lib/targets/problems.ts). */
export function ProblemList({ error, warnings }: { error?: ApiError | null; warnings?: TargetProblem[] }) {
  const details = error?.details as { problems?: TargetProblem[] } | undefined;
  const problems = details?.problems ?? warnings ?? [];
  if (!error && problems.length === 0) return null;
  return (
    <div role={error ? "alert" : "status"} className={error ? "rounded-md bg-red-50 p-2 text-red-900 dark:bg-red-950 dark:text-red-100" : "rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100"}>
      {error ? <p className="font-medium">{details?.problems ? error.message.split(". ")[0] + "." : error.message}</p> : <p className="font-medium">Created, with warnings:</p>}
      {problems.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
          {problems.map((p, i) => (
            <li key={i}>
              {p.tool ? <strong>{`Tool ${p.tool.index + 1}${p.tool.name ? ` (${p.tool.name})` : ""}`}</strong> : null}
              {p.field ? <code className="mx-1">{p.field}</code> : null}
              {p.severity === "warning" && error ? "(warning) " : ""}
              {p.message}
              {p.help ? <span className="text-zinc-600 dark:text-zinc-400"> {p.help}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {error?.help ? <p className="mt-1 text-xs">{error.help}</p> : null}
    </div>
  );
}

import { TokensPanel } from "@/components/team/tokens-panel";
import { ErrorState } from "@/components/ui/states";
import { listTokensFor } from "@/lib/auth/api-tokens";
import { pageIdentity } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { load } from "@/lib/http/load";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const result = await load(async () => {
    const who = await pageIdentity();
    if (!who) throw new AppError("sign-in-required", "Sign in to see your API tokens.");
    return listTokensFor(who);
  });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">API tokens</h1>
      {result.ok ? <TokensPanel initial={result.data} /> : <ErrorState error={result.error} />}
    </div>
  );
}

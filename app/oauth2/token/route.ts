import { getDb } from "@/lib/store/db";
import { config } from "@/lib/config";
import { tokenIssuer } from "@/lib/gateway/connect";
import { handleTokenRequest } from "@/lib/gateway/tokens";
import { consoleHosts } from "@/lib/http/console-hosts";

export const dynamic = "force-dynamic";

/** The local workspace's OAuth 2.0 token endpoint (client-credentials grant, like Cognito's). */
async function handle(req: Request): Promise<Response> {
  try {
    return await handleTokenRequest(req, { db: await getDb(), issuer: tokenIssuer(config().publicUrl), hosts: consoleHosts() });
  } catch (e) {
    console.error("[oauth2] token endpoint failed:", e instanceof Error ? e.message : e);
    return Response.json({ error: "server_error", error_description: "The token endpoint failed; the details were logged." }, { status: 500 });
  }
}

export const POST = handle;
export const GET = handle;

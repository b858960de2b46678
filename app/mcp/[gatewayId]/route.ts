import { mcpHandler } from "@/lib/gateway";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ gatewayId: string }> };

async function handle(req: Request, { params }: Ctx): Promise<Response> {
  const { gatewayId } = await params;
  return (await mcpHandler())(req, gatewayId);
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;

/**
 * Runs the sample MCP server: `PORT=4590 npx tsx scripts/sample-mcp-server/main.ts`.
 * Options (environment): TOOLS=<how many tools>, PAGE_SIZE=<tools/list page size>, STATEFUL=1 (sessions),
 * REQUIRE_AUTH=<token> (every request needs `Authorization: Bearer <token>`).
 */
import { startSampleMcpServer } from "./server";

const env = process.env;
const server = await startSampleMcpServer({
  port: Number(env.PORT ?? 4590),
  toolCount: env.TOOLS ? Number(env.TOOLS) : undefined,
  pageSize: env.PAGE_SIZE ? Number(env.PAGE_SIZE) : undefined,
  stateful: env.STATEFUL === "1",
  requireHeaders: env.REQUIRE_AUTH ? { authorization: `Bearer ${env.REQUIRE_AUTH}` } : undefined,
});
console.log(`Sample MCP server (helpdesk tools) on ${server.url}; recorded calls at ${server.url.replace(/\/mcp$/, "/__calls")}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));

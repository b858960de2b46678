/**
 * The sample MCP server's tools: a small helpdesk (tickets with priorities, requesters, statuses
 * and escalations), with nested objects and enums so policies have fields worth conditioning on.
 * Answers are deterministic (same arguments → same text) so tests can compare them exactly.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export interface SampleTool {
  name: string;
  description: string;
  input: z.ZodRawShape;
  run(args: Record<string, unknown>): unknown;
}

const priority = z.enum(["low", "normal", "high", "urgent"]);
const status = z.enum(["open", "in_progress", "waiting_on_customer", "resolved", "closed"]);
const team = z.enum(["support", "sales", "engineering", "finance"]);

const ticketIdOf = (seed: string) => `TCK-${(createHash("sha256").update(seed).digest().readUInt32BE(0) % 900000) + 100000}`;
const QUEUE: Record<string, string> = { low: "backlog", normal: "general", high: "priority", urgent: "on-call" };

export const SAMPLE_TOOLS: SampleTool[] = [
  {
    name: "create_ticket",
    description: "Open a helpdesk ticket for a requester.",
    input: {
      title: z.string().min(1).describe("One-line summary"),
      description: z.string().optional(),
      priority: priority.describe("How urgent the ticket is"),
      requester: z.object({ email: z.string(), team }).describe("Who asks"),
      tags: z.array(z.string()).optional(),
    },
    run: (a) => {
      const requester = a.requester as { email: string; team: string };
      return { ticketId: ticketIdOf(`${a.title}|${requester.email}`), status: "open", priority: a.priority, queue: QUEUE[String(a.priority)], requester, tags: a.tags ?? [] };
    },
  },
  {
    name: "get_ticket",
    description: "Read one ticket by id.",
    input: { ticketId: z.string().describe("e.g. TCK-482910") },
    run: (a) => ({ ticketId: a.ticketId, title: `Ticket ${a.ticketId}`, status: "open", priority: "normal" }),
  },
  {
    name: "update_ticket_status",
    description: "Move a ticket to another status, with a resolution when it is resolved or closed.",
    input: {
      ticketId: z.string(),
      status,
      resolution: z.object({ code: z.enum(["fixed", "wont_fix", "duplicate", "cannot_reproduce"]), note: z.string().optional() }).optional(),
    },
    run: (a) => ({ ticketId: a.ticketId, status: a.status, resolution: a.resolution ?? null }),
  },
  {
    name: "search_tickets",
    description: "Find tickets by text and filters.",
    input: {
      query: z.string().optional(),
      filters: z.object({ status: z.array(status).optional(), priority: z.array(priority).optional(), team: team.optional() }).optional(),
      limit: z.number().int().min(1).max(50).optional(),
    },
    run: (a) => {
      const n = Math.min(Number(a.limit ?? 3), 3);
      return { tickets: Array.from({ length: n }, (_, i) => ({ ticketId: ticketIdOf(`${a.query ?? ""}|${i}`), status: "open" })), total: n };
    },
  },
  {
    name: "escalate_ticket",
    description: "Escalate a ticket to a higher support tier.",
    input: { ticketId: z.string(), level: z.enum(["tier2", "tier3", "engineering"]), reason: z.string(), notifyOnCall: z.boolean().optional() },
    run: (a) => ({ ticketId: a.ticketId, escalatedTo: a.level, paged: a.notifyOnCall === true }),
  },
];

/** `count` tools: the helpdesk first, then generated ones (`bulk_tool_0006`, …) to test long lists. */
export function toolsFor(count = SAMPLE_TOOLS.length): SampleTool[] {
  const generated = Array.from({ length: Math.max(0, count - SAMPLE_TOOLS.length) }, (_, i): SampleTool => {
    const name = `bulk_tool_${String(SAMPLE_TOOLS.length + i + 1).padStart(4, "0")}`;
    return { name, description: `Generated tool ${i + 1} for list-size tests.`, input: { value: z.string() }, run: (a) => ({ tool: name, value: a.value }) };
  });
  return [...SAMPLE_TOOLS.slice(0, count), ...generated];
}

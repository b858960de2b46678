import "server-only";
import { z } from "zod";

/** Path parameters the console's routes share. */

/** AgentCore ids are letters, digits and dashes; anything else cannot name a gateway. */
export const GatewayId = z
  .string()
  .min(1)
  .max(128, "gatewayId is at most 128 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "gatewayId is not a gateway id (letters, digits, '.', '_', ':' and '-')");

export const GatewayParams = z.object({ gatewayId: GatewayId });

/** A database id or version number in a path or query: a positive integer that fits 32 bits. */
export const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, `${what} is a positive integer`)
    .transform(Number)
    .refine((n) => n <= 2_147_483_647, `${what} is too large`);

/** A target id (AgentCore's are ten upper-case letters and digits). */
export const TargetParams = GatewayParams.extend({
  targetId: z.string().regex(/^[A-Za-z0-9]{1,64}$/, "targetId is a target id (letters and digits)"),
});

/** A tool of a target, by its own name (not `<Target>___<tool>`). */
export const TargetToolParams = TargetParams.extend({
  tool: z.string().min(1).max(256).regex(/^[A-Za-z0-9_.-]+$/, "tool is a tool's own name (letters, digits, '_', '-', '.')"),
});

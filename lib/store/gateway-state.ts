import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./db";

/**
 * A fingerprint of everything the local MCP gateway reads per call (the gateway row, its targets,
 * its engine's policies), in one query. The gateway keeps its last read of the control plane and
 * re-reads only when this changes, so a publish or mode switch is seen by the very next call while
 * steady traffic costs one small query instead of four. Every write of the local adapter to these
 * rows sets `updated_at`, which is what this relies on. Local workspace only: it reads the embedded
 * control plane's tables.
 */
export async function localGatewayFingerprint(db: Db, gatewayId: string): Promise<string | null> {
  const [row] = await queryRows<{ fingerprint: string }>(db, sql`
    select concat_ws('|', g.updated_at::text, g.policy_engine_arn, g.policy_engine_mode,
      (select (coalesce(string_agg(concat_ws(':', t.target_id, t.updated_at::text), ',' order by t.target_id), ''))
         from targets t where t.gateway_id = g.gateway_id),
      (select (coalesce(string_agg(concat_ws(':', p.policy_id, p.status, p.enforcement_mode, p.updated_at::text), ',' order by p.policy_id), ''))
         from policies p join policy_engines e on e.policy_engine_id = p.policy_engine_id
         where e.policy_engine_arn = g.policy_engine_arn)
    ) as fingerprint
    from gateways g where g.gateway_id = ${gatewayId}`);
  return row?.fingerprint ?? null;
}

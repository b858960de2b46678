import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "./db";

/**
 * The local decision log counted per time bucket, the way AgentCore counts policy evaluations into
 * its metrics. Calls made with no engine attached (mode NONE) were never policy-evaluated, so they
 * are left out, as the service publishes nothing for them.
 */

export interface DecisionBucket {
  /** Bucket start, epoch milliseconds. */
  bucket: number;
  allow: number;
  deny: number;
  noDetermining: number;
}

export interface PolicyBucket {
  bucket: number;
  policy: string;
  kind: "determining" | "logOnlyMatched" | "flip";
  count: number;
}

export async function decisionBuckets(gatewayId: string, from: Date, to: Date, periodSeconds: number, db?: Db): Promise<DecisionBucket[]> {
  const d = db ?? (await getDb());
  const rows = await queryRows<{ bucket: string; allow: string; deny: string; no_determining: string }>(d, sql`
    select floor(extract(epoch from at) / ${periodSeconds}) * ${periodSeconds} as bucket,
      count(*) filter (where decision = 'ALLOW') as allow,
      count(*) filter (where decision = 'DENY') as deny,
      count(*) filter (where decision = 'DENY' and jsonb_array_length(determining_policies) = 0) as no_determining
    from decision_log
    where gateway_id = ${gatewayId} and mode <> 'NONE' and at >= ${from.toISOString()} and at < ${to.toISOString()}
    group by 1`);
  return rows.map((r) => ({ bucket: Number(r.bucket) * 1000, allow: Number(r.allow), deny: Number(r.deny), noDetermining: Number(r.no_determining) }));
}

export async function policyBuckets(gatewayId: string, from: Date, to: Date, periodSeconds: number, db?: Db): Promise<PolicyBucket[]> {
  const d = db ?? (await getDb());
  const rows = await queryRows<{ bucket: string; policy: string; kind: PolicyBucket["kind"]; count: string }>(d, sql`
    select floor(extract(epoch from l.at) / ${periodSeconds}) * ${periodSeconds} as bucket, p.policy, p.kind, count(*) as count
    from decision_log l, lateral (
      select 'determining' as kind, jsonb_array_elements_text(l.determining_policies) as policy
      union all select 'logOnlyMatched', jsonb_array_elements_text(l.log_only_matched)
      union all select 'flip', jsonb_array_elements_text(l.flips)
    ) p
    where l.gateway_id = ${gatewayId} and l.mode <> 'NONE' and l.at >= ${from.toISOString()} and l.at < ${to.toISOString()}
    group by 1, 2, 3`);
  return rows.map((r) => ({ bucket: Number(r.bucket) * 1000, policy: r.policy, kind: r.kind, count: Number(r.count) }));
}

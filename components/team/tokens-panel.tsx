"use client";

import { useState } from "react";
import { CopyButton } from "@/components/gateway-connect/copy-button";
import { TimeAgo } from "@/components/gateways/time-ago";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { ApiError } from "@/lib/api-client/request";
import { createToken, listTokens, revokeToken } from "@/lib/api-client/team";
import { atLeast, ROLE_GRANTS, ROLES, type Role } from "@/lib/roles";
import type { ApiTokenInfo } from "@/lib/store/api-tokens";
import { useViewer } from "./viewer-context";

const EXPIRY = [
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "never", days: undefined },
] as const;

/** Create (shown once), list and revoke API tokens for scripts and CI; an admin sees and revokes everyone's. */
export function TokensPanel({ initial }: { initial: ApiTokenInfo[] }) {
  const viewer = useViewer();
  const own = viewer.role ?? "viewer";
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(own === "admin" ? "publisher" : own);
  const [expiry, setExpiry] = useState<number | undefined>(90);
  const [created, setCreated] = useState<{ secret: string; token: ApiTokenInfo } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setTokens((await listTokens()).tokens);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <Card aria-labelledby="new-token-title">
        <CardHeader id="new-token-title" title="New API token" />
        <form
          className="flex flex-wrap items-end gap-3 p-4 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              setCreated(await createToken({ name: name.trim(), role, expiresInDays: expiry }));
              setName("");
            });
          }}
        >
          <label className="min-w-48 flex-1">
            <span className="text-zinc-600 dark:text-zinc-400">Name (recorded as &quot;who&quot;)</span>
            <input className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" value={name} maxLength={100} placeholder="ci-pipeline" onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            <span className="text-zinc-600 dark:text-zinc-400">Role</span>
            <select className="mt-1 block rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r} disabled={!atLeast(own, r)} title={atLeast(own, r) ? ROLE_GRANTS[r] : `A token can have at most your own role (${own}).`}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="text-zinc-600 dark:text-zinc-400">Expires</span>
            <select className="mt-1 block rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" value={expiry ?? ""} onChange={(e) => setExpiry(e.target.value ? Number(e.target.value) : undefined)}>
              {EXPIRY.map((x) => (
                <option key={x.label} value={x.days ?? ""}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="primary" disabled={busy || !name.trim()}>
            Create token
          </Button>
          <p className="w-full text-xs text-muted">
            A {role} token may {ROLE_GRANTS[role]}
            {role === "viewer" ? "" : ", and everything a lower role may"}. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </form>
        {created ? (
          <div role="status" className="space-y-2 border-t border-zinc-200 p-4 text-sm dark:border-zinc-800">
            <p className="font-medium">Token &quot;{created.token.name}&quot; created. Copy it now: it is stored only as a hash and is never shown again.</p>
            <div className="flex items-center gap-2">
              <code data-testid="new-token-secret" className="rounded bg-zinc-100 px-2 py-1 break-all dark:bg-zinc-800">
                {created.secret}
              </code>
              <CopyButton text={created.secret} label="Copy the token" />
            </div>
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="px-4 pb-4 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
      </Card>

      <Card aria-labelledby="tokens-title">
        <CardHeader id="tokens-title" title={viewer.role === "admin" ? "Everyone's tokens" : "Your tokens"} />
        {tokens.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No API tokens yet" />
          </div>
        ) : (
          <table aria-label="API tokens" className="w-full text-left text-sm">
            <thead className="text-xs text-muted">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Role</th>
                <th className="px-4 py-2 font-medium">Token</th>
                <th className="px-4 py-2 font-medium">Created</th>
                <th className="px-4 py-2 font-medium">Last used</th>
                <th className="px-4 py-2 font-medium" />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className="px-4 py-2">{t.name}</td>
                  <td className="px-4 py-2">
                    <Badge tone="blue">{t.role}</Badge>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{t.prefix}…</td>
                  <td className="px-4 py-2 text-muted">
                    {t.createdBy} · <TimeAgo iso={t.createdAt} />
                    {t.expiresAt ? (
                      <>
                        {" "}
                        · expires <TimeAgo iso={t.expiresAt} />
                      </>
                    ) : null}
                  </td>
                  <td className="px-4 py-2 text-muted">{t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} /> : "never"}</td>
                  <td className="px-4 py-2 text-right">
                    {t.revokedAt ? (
                      <Badge tone="neutral">revoked by {t.revokedBy}</Badge>
                    ) : (
                      <Button
                        size="sm"
                        variant="danger"
                        disabled={busy}
                        aria-label={`Revoke ${t.name}`}
                        onClick={() => {
                          if (confirm(`Revoke "${t.name}"? Scripts using it stop working at once.`)) void run(async () => void (await revokeToken(t.id)));
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

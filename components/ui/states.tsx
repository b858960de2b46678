"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "./button";

export interface ErrorInfo {
  code: string;
  message: string;
}

const TITLES: Record<string, string> = {
  "access-denied": "Access denied by AWS",
  "bad-credentials": "AWS rejected the credentials",
  "throttled": "AWS is throttling requests",
  "backend-unreachable": "The AgentCore endpoint cannot be reached",
  "backend-error": "AgentCore answered with an error",
  "gateway-not-found": "Gateway not found",
  "policy-engine-not-found": "Policy engine not found",
  "config-invalid": "The console's configuration is invalid",
  "tracing-not-enabled": "Tracing or Transaction Search is not enabled",
  "cloudwatch-access-denied": "CloudWatch denied access",
  "cloudwatch-throttled": "CloudWatch is throttling requests",
};

/** An error with a specific title, the server's message, and a retry that reloads the server data. */
export function ErrorState({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{TITLES[error.code] ?? "Something went wrong"}</p>
      <p className="mt-1">{error.message}</p>
      <p className="mt-1 font-mono text-xs opacity-70">{error.code}</p>
      <Button className="mt-3" size="sm" disabled={pending} onClick={() => (onRetry ? onRetry() : start(() => router.refresh()))}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {children ? <div className="mt-1">{children}</div> : null}
    </div>
  );
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 p-6 text-sm text-zinc-600 dark:text-zinc-400">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600" aria-hidden />
      {label}
    </div>
  );
}

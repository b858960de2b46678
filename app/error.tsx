"use client";

import { ErrorState } from "@/components/ui/states";

export default function Error({ reset }: { error: Error; reset: () => void }) {
  return <ErrorState error={{ code: "internal", message: "The page failed to render. The details were logged on the server." }} onRetry={reset} />;
}

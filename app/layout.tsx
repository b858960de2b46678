import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { THEME_BOOT_SCRIPT } from "@/components/layout/theme";
import { ViewerProvider } from "@/components/team/viewer-context";
import { Toaster } from "@/components/ui/toast";
import { getControlPlane } from "@/lib/agentcore";
import { pageViewer } from "@/lib/auth/viewer";
import { load } from "@/lib/http/load";
import "./globals.css";

export const metadata: Metadata = {
  title: "Policy Studio",
  description: "Author, test and ship Cedar policies for AgentCore Gateways",
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await pageViewer();
  // Sign-in's own pages are reached without a session: they do not say which backend or account this is.
  const backend = viewer.role ? await load(async () => (await getControlPlane()).info()) : null;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <ViewerProvider viewer={viewer}>
          <AppHeader backend={backend} viewer={viewer} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            {children}
          </main>
          <Toaster />
        </ViewerProvider>
      </body>
    </html>
  );
}

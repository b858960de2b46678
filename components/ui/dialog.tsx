"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { cva, type VariantProps } from "class-variance-authority";
import { useRef } from "react";
import { cn } from "@/lib/cn";

/**
 * The console's one modal dialog, on Radix: focus trapped inside, Escape and the overlay close it,
 * the rest of the page is inert to assistive technology, and focus returns to the control that
 * opened it. Compose it shadcn-style: `Dialog` (controlled or with a `DialogTrigger`), then
 * `DialogContent` holding `DialogHeader`/`DialogTitle`/`DialogDescription`, a body and `DialogFooter`.
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export const dialogContentVariants = cva(
  "fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col overflow-hidden rounded-lg bg-white text-sm text-zinc-900 shadow-xl focus:outline-none dark:bg-zinc-900 dark:text-zinc-100",
  {
    variants: {
      size: { sm: "max-w-md", md: "max-w-2xl", lg: "max-w-4xl" },
      tone: { default: "ring-1 ring-zinc-200 dark:ring-zinc-800", danger: "ring-2 ring-red-600" },
    },
    defaultVariants: { size: "md", tone: "default" },
  },
);

type ContentProps = React.ComponentProps<typeof DialogPrimitive.Content> & VariantProps<typeof dialogContentVariants>;

export function DialogContent({ size, tone, className, children, onOpenAutoFocus, onCloseAutoFocus, ...props }: ContentProps) {
  // Radix returns focus to its own Trigger only; a dialog opened by state (a "Switch…" button that
  // first loads evidence, a row's action) returns it to whatever had focus when it opened.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-zinc-950/40" />
      <DialogPrimitive.Content
        className={cn(dialogContentVariants({ size, tone }), className)}
        onOpenAutoFocus={(e) => {
          opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          onOpenAutoFocus?.(e);
        }}
        onCloseAutoFocus={(e) => {
          onCloseAutoFocus?.(e);
          if (e.defaultPrevented) return;
          e.preventDefault();
          if (opener.current?.isConnected) opener.current.focus();
        }}
        {...props}
      >
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("space-y-1 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn("text-sm font-semibold", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn("text-sm text-zinc-600 dark:text-zinc-400", className)} {...props} />;
}

export function DialogBody({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("min-h-0 flex-1 space-y-3 overflow-auto p-4", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("flex flex-wrap justify-end gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800", className)} {...props} />;
}

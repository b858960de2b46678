"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { cn } from "@/lib/cn";

/**
 * A modal dialog on Radix's primitive: focus trapped inside while open, Escape and the overlay close
 * it, focus returns to the control that opened it. Title (and description) label it for assistive tech.
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export function DialogContent({
  title,
  description,
  children,
  footer,
  className,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  children?: React.ReactNode;
  footer?: React.ReactNode;
  className?: string;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-zinc-950/40" />
      <DialogPrimitive.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-2xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white shadow-xl focus:outline-none dark:bg-zinc-900",
          className,
        )}
        {...(description ? {} : { "aria-describedby": undefined })}
      >
        <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <DialogPrimitive.Title className="text-sm font-semibold">{title}</DialogPrimitive.Title>
          {description ? <DialogPrimitive.Description className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{description}</DialogPrimitive.Description> : null}
        </div>
        <div className="min-h-0 flex-1 space-y-3 overflow-auto p-4 text-sm">{children}</div>
        {footer ? <div className="flex justify-end gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">{footer}</div> : null}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

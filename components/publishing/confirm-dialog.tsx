"use client";

import { Dialog, DialogBody, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * A confirmation shown while it is rendered (the caller decides when): the console's Radix dialog,
 * so focus is trapped, Escape or the overlay cancel, and focus returns to the control that opened it.
 */
export function ConfirmDialog({ title, children, onClose, footer }: { title: string; children: React.ReactNode; onClose(): void; footer: React.ReactNode }) {
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
        </DialogHeader>
        <DialogBody>{children}</DialogBody>
        <DialogFooter>{footer}</DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

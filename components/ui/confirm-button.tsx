"use client";

import { useState } from "react";
import { Button, type ButtonProps } from "./button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "./dialog";
import { FormError } from "./form-error";

interface Props extends Omit<ButtonProps, "onClick" | "title"> {
  /** The question, e.g. "Discard the draft?". */
  title: string;
  /** What happens and what is lost, said once. */
  description: React.ReactNode;
  confirmLabel: string;
  /** Runs on the confirming click; a thrown error is shown in the dialog, which stays open. */
  onConfirm(): unknown;
  destructive?: boolean;
  /** The button's own tooltip (e.g. why it is disabled); `title` is the dialog's question. */
  hint?: string;
}

/**
 * A button that asks first, in the console's dialog instead of the browser's `confirm()`: Cancel has
 * focus when it opens, Escape cancels, and focus comes back to this button.
 */
export function ConfirmButton({ title, description, confirmLabel, onConfirm, destructive = true, hint, children, ...button }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button title={hint} {...button}>
          {children}
        </Button>
      </DialogTrigger>
      <DialogContent size="sm" tone={destructive ? "danger" : "default"}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
        </DialogHeader>
        <DialogBody>
          <DialogDescription>{description}</DialogDescription>
          <FormError message={error} />
        </DialogBody>
        <DialogFooter>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant={destructive ? "danger" : "primary"} disabled={busy} onClick={() => void confirm()}>
            {busy ? "Working…" : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

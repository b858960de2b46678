"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { deleteGateway, exportUrl, updateGateway } from "@/lib/api-client/gateway-admin";
import { GatewayFields, validGatewayName } from "./gateway-fields";

/** A local gateway's own actions: rename, export as a file, delete (confirmed, with what goes with it). */
export function GatewayActions({ gatewayId, name, description }: { gatewayId: string; name: string; description?: string }) {
  return (
    <div className="flex flex-wrap gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <RenameDialog gatewayId={gatewayId} name={name} description={description} />
      <a href={exportUrl(gatewayId)} download className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800">
        Export
      </a>
      <DeleteDialog gatewayId={gatewayId} name={name} />
    </div>
  );
}

function RenameDialog({ gatewayId, name, description }: { gatewayId: string; name: string; description?: string }) {
  const can = useCan("admin", "renaming a gateway");
  const router = useRouter();
  const { open, setOpen, busy, error, run } = useDialogAction();
  const [newName, setNewName] = useState(name);
  const [newDescription, setNewDescription] = useState(description ?? "");
  const valid = validGatewayName(newName);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void run(() => updateGateway(gatewayId, { name: newName, description: newDescription || null }), () => router.refresh());
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button disabled={!can.allowed} title={can.reason}>Rename</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{`Rename ${name}`}</DialogTitle>
          <DialogDescription>The id, ARN and MCP endpoint stay the same.</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <form id="rename-gateway" onSubmit={submit} className="space-y-3">
            <GatewayFields name={newName} description={newDescription} onName={setNewName} onDescription={setNewDescription} error={error} />
          </form>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" form="rename-gateway" variant="primary" disabled={!valid || busy}>
              Save
            </Button>
          </div>
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

function DeleteDialog({ gatewayId, name }: { gatewayId: string; name: string }) {
  const can = useCan("admin", "deleting a gateway");
  const router = useRouter();
  const { open, setOpen, busy, error, run } = useDialogAction();

  function confirm() {
    void run(
      () => deleteGateway(gatewayId),
      () => {
        router.push("/");
        router.refresh();
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="danger" disabled={!can.allowed} title={can.reason}>Delete gateway</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{`Delete ${name}?`}</DialogTitle>
          <DialogDescription>Its targets, draft, personas and their clients, suites, publish history, audit entries and decision log are deleted with it; so is its policy engine unless another gateway uses it. This cannot be undone — export it first to keep a copy.</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button variant="danger" disabled={busy} onClick={confirm}>
              {busy ? "Deleting…" : `Delete ${name}`}
            </Button>
          </div>
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { createGateway } from "@/lib/api-client/gateway-admin";
import { GatewayFields, validGatewayName } from "./gateway-fields";

/** "New gateway": a name (AgentCore's rules) and an optional description; opens the new gateway. */
export function NewGatewayDialog() {
  const can = useCan("admin", "creating a gateway");
  const router = useRouter();
  const { open, setOpen, busy, error, run } = useDialogAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const valid = validGatewayName(name);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void run(
      () => createGateway({ name, ...(description ? { description } : {}) }),
      (g) => router.push(`/gateways/${encodeURIComponent(g.gatewayId)}`),
    );
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="primary" disabled={!can.allowed} title={can.reason}>New gateway</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New gateway</DialogTitle>
          <DialogDescription>{"A local gateway, with AgentCore's ids and ARN. Add targets and a policy engine once it exists."}</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <form id="new-gateway" onSubmit={submit} className="space-y-3">
            <GatewayFields name={name} description={description} onName={setName} onDescription={setDescription} error={error} />
          </form>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" form="new-gateway" variant="primary" disabled={!valid || busy}>
              {busy ? "Creating…" : "Create gateway"}
            </Button>
          </div>
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

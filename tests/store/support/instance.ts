/**
 * A second console instance in its own process, on the store at DATABASE_URL (the cross-instance
 * tests start it with tsx). `open` opens the store (migrating and seeding as a starting console does)
 * and prints the gateways; `publish <json>` publishes as user "instance-b" and prints the outcome.
 */
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { AppError } from "@/lib/errors";
import { publishDraft, type PublishRequest } from "@/lib/publishing/publish";
import { closeDb, getDb } from "@/lib/store/db";
import { depsFor } from "../../publishing/support";

const db = await getDb();
const cp = createLocalControlPlane(db, { publicUrl: "http://127.0.0.1:3999" });
let out: unknown;
if (process.argv[2] === "open") {
  out = { gateways: (await cp.listGateways()).map((g) => g.gatewayId).sort() };
} else if (process.argv[2] === "publish") {
  const { gatewayId, ...req } = JSON.parse(process.argv[3]) as PublishRequest & { gatewayId: string };
  try {
    out = { result: await publishDraft(depsFor(cp, "instance-b"), gatewayId, req) };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out = { error: { code: e.code, status: e.status } };
  }
} else {
  throw new Error(`unknown command ${process.argv[2]}`);
}
await closeDb(db);
console.log(JSON.stringify(out));

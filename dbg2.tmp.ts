import { draftOffline } from "@/lib/drafting/offline";
import { evalGateway, toolSet } from "./eval/drafting/corpus";
const gw = evalGateway([...toolSet(process.argv[2]).tools]);
for (const r of process.argv.slice(3)) { const d = draftOffline({ request: r, ...gw }); console.log(">>", r, "\n  Q:", d.questions.join(" | ").slice(0, 400), "\n  P:", d.policies.map(p=>p.explanation).join(" | ")); }

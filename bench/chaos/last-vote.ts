// The approval that sends a treasury transfer, cast in a process of its own so the chaos run can
// kill it while the transfer is on its way to the chain (the reconciler must finish it, once).
// Usage: tsx --conditions=react-server bench/chaos/last-vote.ts <requestId> <approver email>
import { createPrismaClient } from "@/lib/db/prisma";
import { voteOnRequest } from "@/lib/operations/approvals";
import { demoActor } from "./actors";

async function main() {
  const [requestId, email] = process.argv.slice(2);
  const db = createPrismaClient(process.env.DATABASE_URL!, { max: 2 });
  const actor = await demoActor(db, email!);
  const result = await voteOnRequest(db, { actor, input: { requestId, decision: "approve" } });
  console.log(JSON.stringify(result));
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

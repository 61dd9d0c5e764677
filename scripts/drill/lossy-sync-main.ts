// The sync server as `server/sync-main.ts` starts it, on the fault drill's own relay stream, losing a
// share of the updates relayed to it (DRILL_RELAY_LOSS, 0..1) as a Redis hiccup would. Drill only.
import { loadConfig } from "../../server/config";
import { startParley } from "../../server/parley";
import { guardProcess } from "../../server/process-guards";

const loss = Number(process.env.DRILL_RELAY_LOSS ?? 0);
const stream = process.env.DRILL_RELAY_STREAM;
if (!stream || !(loss >= 0 && loss <= 1)) throw new Error("lossy-sync-main needs DRILL_RELAY_STREAM and DRILL_RELAY_LOSS in [0, 1].");

const parley = await startParley({
  config: loadConfig(),
  mode: "sync",
  relay: {
    stream,
    dropIncoming: ({ boardId, seq }) => {
      const drop = Math.random() < loss;
      // The drill counts these lines: each is one update this process must repair from the database.
      if (drop) console.log(`drill: dropped relayed ${boardId}#${seq}`);
      return drop;
    },
  },
});
guardProcess(process, { name: "lossy sync server", shutdown: () => parley.close() });

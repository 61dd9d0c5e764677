import type { ServerKind } from "../clients/bench-client";
import type { BoardSeeder } from "../bench-database";
import type { LoadgenPool } from "../loadgen/loadgen-pool";
import type { Profile } from "../profiles";
import type { ServerProcess } from "../servers/server-process";

/** Everything a scenario needs for one server kind in one round. */
export interface RoundContext {
  kind: ServerKind;
  round: number;
  profile: Profile;
  server: ServerProcess;
  pool: LoadgenPool;
  seeder: BoardSeeder;
  databaseUrl: string;
  /** A new phase number: markers of each phase are counted apart. */
  nextPhase(): number;
  /** A new board id, unique in the run. */
  nextBoardId(label: string): string;
  log(line: string): void;
}

/** A scenario's figures: metric name → value (null when the kind cannot give it, e.g. the relay's database). */
export type Figures = Record<string, number | null>;

import type * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import type { Role } from "@/lib/board/roles";
import type { ErrorPayload } from "@/lib/errors/errors";
import type { Ballot, Results } from "@/lib/session/votes";
import type { PersonalDraftsView } from "@/lib/protocol/protocol";
import type { LocalCopy } from "./local-copy";
import type { SyncSocket } from "./sync-socket";
import type { ConnectionStatus } from "./sync-status";

/** What a BoardClient tells its listeners (see BoardClient.on). */
export interface BoardClientEvents {
  status: (status: ConnectionStatus) => void;
  /** Number of local changes not yet confirmed as stored by the server. */
  pending: (count: number) => void;
  /** Whether some of them came back "not saved" (a retryable failure) and are being resent. */
  retrying: (retrying: boolean) => void;
  error: (error: ErrorPayload) => void;
  /** The document was replaced by the server's state after a refused update; re-read everything. */
  reset: (doc: Y.Doc) => void;
  /** The server accepted the join: who it takes this connection to be. */
  joined: (who: { role: Role; memberId: string | null }) => void;
  /** This person's ballots, and the results when they may see them. */
  votes: (view: VotesView) => void;
  /** The private drafts this person may see. */
  drafts: (view: DraftsView) => void;
  /** Members with real names (facilitators only). */
  roster: (view: RosterView) => void;
  /** This member's own personal drafts (quoteless arguments on a mustCite board). */
  personalDrafts: (view: PersonalDraftsView) => void;
}

export interface VotesView {
  revealed: boolean;
  mine: Ballot[];
  results: Results | null;
  /** Facilitators: how many ballots are in. */
  ballots?: number;
}
export interface DraftsView {
  drafts: { id: string; teamId: string; memberId: string; argument: Argument }[];
}
export interface RosterView {
  members: { id: string; displayName: string; role: Role }[];
}

export interface BoardClientOptions {
  url?: string;
  memberToken?: string;
  /** Use this socket instead of opening one to `${url}/sync` (tests). */
  socket?: SyncSocket;
  /** Jitter source for the backoffs (tests make it deterministic). */
  random?: () => number;
  /** Keeps the document and the unsaved changes across reloads (IndexedDB in the browser). */
  localCopy?: LocalCopy;
}

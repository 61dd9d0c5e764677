import { z } from "zod";
import { LIMITS } from "../../lib/board/constants";
import { PositionDraftSchema } from "../../lib/board/position";
import { ParleyError } from "../../lib/errors/errors";
import { demoPositionDrafts, loadDemoSource } from "../../prisma/seed/demo-board";
import { createBoard, NewSourceSchema, normalizeJoinCode } from "../boards/create-board";
import { getAppContext } from "./context";
import { requireJsonWrite } from "./guard";
import { listRecentBoards, toSummary } from "./queries";
import { limitRequest } from "./rate-limit";
import { errorResponse, json, readJson } from "./respond";

/** How many boards the public list holds. */
const PUBLIC_LIST_LIMIT = 20;

const CreateBoardRequestSchema = z.object({
  title: z.string().trim().min(1, "Give the board a title.").max(LIMITS.boardTitleMaxChars, `A title can be at most ${LIMITS.boardTitleMaxChars} characters.`),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("article") }),
    NewSourceSchema.pick({ title: true, text: true, publisher: true }).extend({ kind: z.literal("text") }),
  ]),
  positions: z.array(PositionDraftSchema).min(2, "Name both positions.").max(6).optional(),
  /** "Every argument must cite the article" from the start (lib/board/must-cite.ts). Absent: on. */
  mustCite: z.boolean().optional(),
});

/** POST /api/boards */
export async function handleCreateBoard(request: Request): Promise<Response> {
  try {
    requireJsonWrite(request);
    await limitRequest(request, "board");
    const body = await readJson(request, CreateBoardRequestSchema);
    const { store } = getAppContext();
    const source =
      body.source.kind === "article"
        ? (({ sha256: _sha, ...rest }) => rest)(loadDemoSource())
        : { title: body.source.title, text: body.source.text, publisher: body.source.publisher ?? null, publishedOn: null, language: "en" };
    const positions = body.positions ?? (body.source.kind === "article" ? demoPositionDrafts() : null);
    if (!positions) throw new ParleyError("bad-request", "Name the two positions this board will debate.");
    const board = await createBoard(store, { title: body.title, source, positions, accessMode: "managed", mustCite: body.mustCite });
    // Identical text reuses the stored document (and its title): report what the board really cites.
    const stored = await store.getSourceDocument(board.sourceId);
    const invite = await facilitatorInvite(board.id);
    // The creator is this board's facilitator-to-be: they are the one who hands out the code.
    return json({ board: toSummary(board, stored?.title ?? source.title, { withJoinCode: true }), url: `/b/${board.id}`, facilitatorInvite: invite }, 201, {
      location: `/b/${board.id}`,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The creator's way in as facilitator: the caller opens `/b/<id>?invite=<token>`. */
export async function facilitatorInvite(boardId: string): Promise<string | null> {
  const invites = await getAppContext().store.listInvites(boardId);
  return invites.find((i) => i.role === "facilitator")?.token ?? null;
}

/** GET /api/boards: the public list — open boards only, never with a join code (anyone can call this). */
export async function handleListBoards(): Promise<Response> {
  try {
    return json({ boards: await listRecentBoards(PUBLIC_LIST_LIMIT) }, 200, { "cache-control": "no-store" });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /api/join/:code (the request, for its sender's join budget: codes must not be guessable by brute force). */
export async function handleJoinByCode(code: string, request?: Request): Promise<Response> {
  try {
    if (request) await limitRequest(request, "join");
    const normalized = normalizeJoinCode(code);
    if (!/^[A-Z0-9]{4,12}$/.test(normalized)) throw new ParleyError("bad-request", "A join code is 6 letters and digits, like DEMO18.");
    const { store } = getAppContext();
    const board = await store.getBoardByJoinCode(normalized);
    if (!board) throw new ParleyError("board-not-found", `No board has the code ${normalized}. Check it with your facilitator.`);
    const source = await store.getSourceDocument(board.sourceId);
    // The caller already holds the code: answering it back tells them nothing new.
    return json({ board: toSummary(board, source?.title ?? "", { withJoinCode: true }) }, 200, { "cache-control": "no-store" });
  } catch (error) {
    return errorResponse(error);
  }
}

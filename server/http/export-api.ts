import { ParleyError } from "../../lib/errors/errors";
import { parsePictureQuery } from "../../lib/map/board-map";
import { detectImportFormat, ExportFormatSchema, EXPORT_FORMATS, IMPORT_FORMATS, type ImportFormat } from "../../lib/export/formats";
import { getAppContext } from "./context";
import { limitRequest } from "./rate-limit";
import { facilitatorInvite } from "./boards-api";
import { toSummary } from "./queries";
import { readableBoard } from "../boards/read-access";
import { readCredentialsCharged, requireSameOrigin } from "./guard";
import { bytesBody, errorResponse, json, readBodyText } from "./respond";

/** Largest file accepted for import: a maximal source text plus a few thousand arguments. */
export const MAX_IMPORT_BYTES = 5_000_000;

/** GET /api/boards/:id/export?format=…[&ova=1][&layout=map|columns][&collapsed=id1,id2] */
export async function handleExport(request: Request, boardId: string): Promise<Response> {
  try {
    const url = new URL(request.url);
    const format = ExportFormatSchema.safeParse(url.searchParams.get("format") ?? "");
    if (!format.success) {
      throw new ParleyError("bad-request", `Choose a format: ${Object.keys(EXPORT_FORMATS).join(", ")}.`);
    }
    const picture = parsePictureQuery(url.searchParams);
    if (!picture.ok) throw new ParleyError("bad-request", picture.message);
    await limitRequest(request, "export");
    const { exports, store } = getAppContext();
    const { reader } = await readableBoard(store, boardId, await readCredentialsCharged(request));
    // Individual ballots are the facilitator's to see; everyone else gets the board without them.
    const facilitator = reader.via === "member" && reader.role === "facilitator";
    const rendered = await exports.render(boardId, format.data, {
      origin: publicOrigin(request),
      ova: url.searchParams.get("ova") === "1",
      includeVotes: facilitator,
      picture: picture.options,
    });
    // Bytes (every pooled export, PNG's 5–9 MB included) go out as they came back from the pool, uncopied.
    const body = typeof rendered.body === "string" ? rendered.body : bytesBody(rendered.body);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": rendered.contentType,
        "content-disposition": contentDisposition(rendered.fileName),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /api/boards/:id/source — the source text itself, the target of exported Web Annotations. */
export async function handleSource(request: Request, boardId: string): Promise<Response> {
  try {
    const { store } = getAppContext();
    const { board } = await readableBoard(store, boardId, await readCredentialsCharged(request));
    const source = await store.getSourceDocument(board.sourceId);
    if (!source) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    // A managed board's text is for its members: no shared cache may keep it.
    const caching: Record<string, string> = board.accessMode === "open" ? {} : { "cache-control": "private, no-store" };
    return new Response(source.text, { headers: { "content-type": "text/plain; charset=utf-8", etag: `"${source.sha256}"`, ...caching } });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/boards/import[?format=json|argdown|aif|kialo] (else detected from the content) with the file as the body. Creates a new board, or
 * answers 422 with every problem found (`details.errors`, with line numbers where the format has
 * them) and creates nothing.
 */
export async function handleImport(request: Request): Promise<Response> {
  try {
    requireSameOrigin(request);
    await limitRequest(request, "board");
    const text = await readBodyText(request, MAX_IMPORT_BYTES, tooLarge);
    if (text.trim() === "") throw new ParleyError("bad-request", "The file is empty.");
    const requested = new URL(request.url).searchParams.get("format");
    if (requested && !IMPORT_FORMATS.includes(requested as ImportFormat)) {
      throw new ParleyError("bad-request", `Parley imports these formats: ${IMPORT_FORMATS.join(", ")}.`);
    }
    const format = (requested as ImportFormat | null) ?? detectImportFormat(text);
    const { board, sourceTitle } = await getAppContext().exports.importFile(text, format);
    const invite = await facilitatorInvite(board.id);
    return json({ board: toSummary(board, sourceTitle, { withJoinCode: true }), url: `/b/${board.id}`, format, facilitatorInvite: invite }, 201, { location: `/b/${board.id}` });
  } catch (error) {
    return errorResponse(error);
  }
}

function tooLarge(): ParleyError {
  return new ParleyError("payload-too-large", `Import files are limited to ${MAX_IMPORT_BYTES / 1_000_000} MB.`);
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The origin people reach this server by (honours a reverse proxy's forwarded headers). */
function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

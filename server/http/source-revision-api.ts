import { z } from "zod";
import { applySourceRevision, listSourceRevisions, proposeSourceRevision } from "../boards/source-revision";
import { getAppContext } from "./context";
import { requireJsonWrite } from "./guard";
import { bearer, errorResponse, json, readJson } from "./respond";

/** The facilitator's source revisions over HTTP: thin handlers around server/boards/source-revision.ts. */

const NO_STORE = { "cache-control": "no-store" };
const AnyBody = z.unknown();

/** GET /api/boards/:id/source/revisions — the revision history. */
export async function handleListSourceRevisions(request: Request, boardId: string): Promise<Response> {
  try {
    return json(await listSourceRevisions(getAppContext(), { boardId, memberToken: bearer(request) }), 200, NO_STORE);
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/boards/:id/source/revisions/plan — { text }: the plan, quote by quote; changes nothing. */
export async function handleProposeSourceRevision(request: Request, boardId: string): Promise<Response> {
  try {
    requireJsonWrite(request);
    const body = await readJson(request, AnyBody);
    return json(await proposeSourceRevision(getAppContext(), { boardId, memberToken: bearer(request), body }), 200, NO_STORE);
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/boards/:id/source/revisions — { text, baseRevision, decisions }: applies the revision. */
export async function handleApplySourceRevision(request: Request, boardId: string): Promise<Response> {
  try {
    requireJsonWrite(request);
    const body = await readJson(request, AnyBody);
    return json(await applySourceRevision(getAppContext(), { boardId, memberToken: bearer(request), body }), 201, NO_STORE);
  } catch (error) {
    return errorResponse(error);
  }
}

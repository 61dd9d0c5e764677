import { handleGetBoard } from "@/server/http/board-read-api";
import { handleDeleteBoard } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

/** The board as this reader may see it (members of a managed board; anyone on an open one). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleGetBoard(request, (await params).id);
}

/** Deletes the board: its facilitators only, confirmed by its title. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDeleteBoard(request, (await params).id);
}

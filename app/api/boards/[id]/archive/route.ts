import { handleArchiveBoard } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleArchiveBoard(request, (await params).id);
}

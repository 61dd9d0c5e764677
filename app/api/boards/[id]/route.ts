import { handleDeleteBoard } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDeleteBoard(request, (await params).id);
}

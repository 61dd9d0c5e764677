import { handleDuplicateBoard } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDuplicateBoard(request, (await params).id);
}

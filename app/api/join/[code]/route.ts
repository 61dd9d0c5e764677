import { handleJoinByCode } from "@/server/http/boards-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleJoinByCode((await params).code, request);
}

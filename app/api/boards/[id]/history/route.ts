import { handleHistory } from "@/server/http/review-api";

export const dynamic = "force-dynamic";

/** The session's full history for the review replay (facilitators only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleHistory(request, (await params).id);
}

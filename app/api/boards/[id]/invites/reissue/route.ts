import { handleReissueInvites } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleReissueInvites(request, (await params).id);
}

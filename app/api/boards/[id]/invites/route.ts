import { handleListInvites } from "@/server/http/members-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleListInvites(request, (await params).id);
}

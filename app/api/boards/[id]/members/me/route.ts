import { handleRenameMember } from "@/server/http/members-api";

export const dynamic = "force-dynamic";

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRenameMember(request, (await params).id);
}

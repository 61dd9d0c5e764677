import { handleJoinMembers } from "@/server/http/members-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleJoinMembers(request, (await params).id);
}

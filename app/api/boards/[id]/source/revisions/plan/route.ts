import { handleProposeSourceRevision } from "@/server/http/source-revision-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleProposeSourceRevision(request, (await params).id);
}

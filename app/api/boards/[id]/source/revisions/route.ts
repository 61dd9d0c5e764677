import { handleApplySourceRevision, handleListSourceRevisions } from "@/server/http/source-revision-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleListSourceRevisions(request, (await params).id);
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApplySourceRevision(request, (await params).id);
}

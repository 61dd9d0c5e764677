import { handleEvidenceReport } from "@/server/http/evidence-api";

export const dynamic = "force-dynamic";

/** The evidence report per side and team; vote and draft figures only for those who may see them. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleEvidenceReport(request, (await params).id);
}

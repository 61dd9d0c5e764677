import { handleContributionsCsv } from "@/server/http/review-api";

export const dynamic = "force-dynamic";

/** Per-participant contribution summary as a CSV download (facilitators only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleContributionsCsv(request, (await params).id);
}

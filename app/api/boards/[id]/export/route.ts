import { handleExport } from "@/server/http/export-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleExport(request, (await params).id);
}

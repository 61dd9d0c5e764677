import { handleSource } from "@/server/http/export-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleSource(request, (await params).id);
}

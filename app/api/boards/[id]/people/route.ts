import { handleListPeople } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleListPeople(request, (await params).id);
}

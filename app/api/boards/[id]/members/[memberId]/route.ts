import { handleChangeMember, handleRemoveMember } from "@/server/http/teacher-api";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; memberId: string }> };

export async function PATCH(request: Request, { params }: Params) {
  const { id, memberId } = await params;
  return handleChangeMember(request, id, memberId);
}

export async function DELETE(request: Request, { params }: Params) {
  const { id, memberId } = await params;
  return handleRemoveMember(request, id, memberId);
}

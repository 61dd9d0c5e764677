import { handleCreateBoard, handleListBoards } from "@/server/http/boards-api";

export const dynamic = "force-dynamic";

export const GET = () => handleListBoards();
export const POST = (request: Request) => handleCreateBoard(request);

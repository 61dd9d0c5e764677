import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { BoardScreen } from "@/components/board/BoardScreen";
import { ReadGate } from "@/components/board/ReadGate";

export const dynamic = "force-dynamic";

/** One database read per request, shared by the metadata and the page. */
const loadBoard = cache((id: string) => getBoardPageData(id));

interface BoardPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: BoardPageProps): Promise<Metadata> {
  const load = await loadBoard((await params).id);
  // A managed board's title is for its members: the server renders none of it.
  return { title: !load ? "Board not found" : load.access === "public" ? load.data.board.title : "Facilitated board" };
}

export default async function BoardPage({ params }: BoardPageProps) {
  const load = await loadBoard((await params).id);
  if (!load) notFound();
  if (load.access === "members") return <ReadGate boardId={load.boardId} view="board" />;
  return <BoardScreen summary={load.data.board} source={load.data.source} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { BoardScreen } from "@/components/board/BoardScreen";

export const dynamic = "force-dynamic";

/** One database read per request, shared by the metadata and the page. */
const loadBoard = cache((id: string) => getBoardPageData(id));

interface BoardPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: BoardPageProps): Promise<Metadata> {
  const data = await loadBoard((await params).id);
  return { title: data ? data.board.title : "Board not found" };
}

export default async function BoardPage({ params }: BoardPageProps) {
  const data = await loadBoard((await params).id);
  if (!data) notFound();
  return <BoardScreen summary={data.board} source={data.source} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { ReadGate } from "@/components/board/ReadGate";
import { ReviewScreen } from "@/components/review/ReviewScreen";

export const dynamic = "force-dynamic";

/** One database read per request, shared by the metadata and the page. */
const loadBoard = cache((id: string) => getBoardPageData(id));

interface ReviewPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ReviewPageProps): Promise<Metadata> {
  const load = await loadBoard((await params).id);
  return { title: !load ? "Board not found" : load.access === "public" ? `Review · ${load.data.board.title}` : "Session review" };
}

/** The after-class review. The server renders a managed board's title only through the browser's own credentials; the history is fetched by the facilitator's browser. */
export default async function ReviewPage({ params }: ReviewPageProps) {
  const load = await loadBoard((await params).id);
  if (!load) notFound();
  if (load.access === "members") return <ReadGate boardId={load.boardId} view="review" />;
  return <ReviewScreen board={load.data.board} />;
}

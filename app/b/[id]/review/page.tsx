import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { ReviewScreen } from "@/components/review/ReviewScreen";

export const dynamic = "force-dynamic";

/** One database read per request, shared by the metadata and the page. */
const loadBoard = cache((id: string) => getBoardPageData(id));

interface ReviewPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ReviewPageProps): Promise<Metadata> {
  const data = await loadBoard((await params).id);
  return { title: data ? `Review · ${data.board.title}` : "Board not found" };
}

/** The after-class review. The server only checks the board exists; the history is fetched by the facilitator's browser. */
export default async function ReviewPage({ params }: ReviewPageProps) {
  const data = await loadBoard((await params).id);
  if (!data) notFound();
  return <ReviewScreen board={data.board} />;
}

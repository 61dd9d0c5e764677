import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getBoardPageData } from "@/server/http/queries";
import { SourceRevisionScreen } from "@/components/revisions/SourceRevisionScreen";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Source revisions" };

/** The facilitator's source revisions; everything on it is fetched with the facilitator's own token. */
export default async function SourceRevisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const load = await getBoardPageData(id);
  if (!load) notFound();
  return <SourceRevisionScreen boardId={id} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { ProjectorScreen } from "@/components/projector/ProjectorScreen";

export const dynamic = "force-dynamic";

const loadBoard = cache((id: string) => getBoardPageData(id));

interface ProjectorPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ProjectorPageProps): Promise<Metadata> {
  const data = await loadBoard((await params).id);
  return { title: data ? `${data.board.title} (projector)` : "Board not found" };
}

/** The big-screen view of a board: read-only, following the facilitator. */
export default async function ProjectorPage({ params }: ProjectorPageProps) {
  const data = await loadBoard((await params).id);
  if (!data) notFound();
  return <ProjectorScreen summary={data.board} />;
}

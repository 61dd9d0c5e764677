import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getBoardPageData } from "@/server/http/queries";
import { ReadGate } from "@/components/board/ReadGate";
import { ProjectorScreen } from "@/components/projector/ProjectorScreen";

export const dynamic = "force-dynamic";

const loadBoard = cache((id: string) => getBoardPageData(id));

interface ProjectorPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ProjectorPageProps): Promise<Metadata> {
  const load = await loadBoard((await params).id);
  return { title: !load ? "Board not found" : load.access === "public" ? `${load.data.board.title} (projector)` : "Projector" };
}

/** The big-screen view of a board: read-only, following the facilitator. */
export default async function ProjectorPage({ params }: ProjectorPageProps) {
  const load = await loadBoard((await params).id);
  if (!load) notFound();
  if (load.access === "members") return <ReadGate boardId={load.boardId} view="projector" />;
  return <ProjectorScreen summary={load.data.board} source={load.data.source} />;
}

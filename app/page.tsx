import { listRecentBoards } from "@/server/http/queries";
import type { BoardSummary } from "@/lib/views/board-views";
import { HomeScreen } from "@/components/home/HomeScreen";

export const dynamic = "force-dynamic";

/** How many boards the home page lists. */
const RECENT_LIMIT = 12;

export default async function HomePage() {
  let recent: BoardSummary[] | null;
  try {
    recent = await listRecentBoards(RECENT_LIMIT);
  } catch (error) {
    // The home page must still let people join or open the demo while the list is unavailable.
    console.error("Could not list recent boards", error);
    recent = null;
  }
  return <HomeScreen recent={recent} now={Date.now()} />;
}

import { NotFoundCard } from "@/components/common/NotFoundCard";

/** Shown when the board page calls notFound(): no board has that id. */
export default function BoardNotFound() {
  return <NotFoundCard title="We can’t find that board" />;
}

import { NotFoundCard } from "@/components/common/NotFoundCard";

/** Any address the app does not know. */
export default function NotFound() {
  return <NotFoundCard title="We can’t find that page" />;
}

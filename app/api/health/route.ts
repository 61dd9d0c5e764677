import { getAppContext } from "@/server/http/context";
import { healthReport } from "@/server/http/health";
import { json } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await healthReport(getAppContext());
  return json(report.body, report.status, { "cache-control": "no-store" });
}

import { handleImport } from "@/server/http/export-api";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleImport(request);

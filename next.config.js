/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/main.ts) owns persistence; pages reach it through server/http/context.ts,
  // so the database drivers stay out of Next's bundles.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "@prisma/client", "yjs"],
  poweredByHeader: false,
};

export default nextConfig;

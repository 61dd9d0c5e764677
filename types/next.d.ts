// Next.js's ambient types (CSS modules, images) for `npm run typecheck` on a fresh clone, before
// `next build` or `next dev` has written next-env.d.ts.
/// <reference types="next" />
/// <reference types="next/image-types/global" />

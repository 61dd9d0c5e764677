import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

/** The logo as an inline SVG, so the app needs no icon file and the browser never asks for a missing one. */
const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset=".5" stop-color="#4f46e5"/><stop offset=".5" stop-color="#059669"/></linearGradient></defs><rect width="32" height="32" rx="8" fill="url(#g)"/><text x="16" y="22.5" font-family="system-ui,sans-serif" font-size="18" font-weight="800" fill="#fff" text-anchor="middle">P</text></svg>',
  );

export const metadata: Metadata = {
  icons: { icon: ICON },
  title: { default: "Parley — debate the text, quote by quote", template: "%s · Parley" },
  description: "A live board where a class maps the arguments for and against each position, every one anchored to a quote from the article.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#3341c6",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

"use client";
import { useEffect, useState } from "react";
import QRCode from "qrcode";

/**
 * A QR code for `text`, drawn in the browser (no service sees the link). Dark on white with a quiet
 * zone, so phone cameras read it off a projector too.
 */
export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 2, width: size * 2, errorCorrectionLevel: "M", color: { dark: "#161b26", light: "#ffffff" } })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? (
    // eslint-disable-next-line @next/next/no-img-element -- a data URL made here; next/image adds nothing
    <img src={src} width={size} height={size} alt={label} data-testid={testId} style={{ display: "block", imageRendering: "pixelated" }} />
  ) : (
    <span style={{ display: "block", width: size, height: size }} aria-busy="true" data-testid={testId} />
  );
}

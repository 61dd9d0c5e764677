import type { CSSProperties } from "react";
import { initials } from "@/components/identity/palette";
import styles from "./Avatar.module.css";

interface AvatarProps {
  name: string;
  color: string;
  size?: "sm" | "md";
  /** Draws a ring, e.g. around the viewer's own avatar. */
  ring?: boolean;
}

/** A person's initials on their colour. Decorative: the name is always said in text nearby. */
export function Avatar({ name, color, size = "md", ring = false }: AvatarProps) {
  return (
    <span
      aria-hidden="true"
      className={`${styles.avatar} ${size === "sm" ? styles.sm : ""} ${ring ? styles.ring : ""}`}
      style={{ "--avatar": color } as CSSProperties}
    >
      {initials(name)}
    </span>
  );
}

"use client";
import { useEffect, useRef, type ReactNode } from "react";
import styles from "./Modal.module.css";

interface ModalProps {
  open: boolean;
  /** Escape or a click on the backdrop. Leave out to make the dialog impossible to dismiss that way. */
  onCancel?: () => void;
  labelledBy: string;
  describedBy?: string;
  testId?: string;
  role?: "dialog" | "alertdialog";
  /** Replaces the default dialog and body styling (e.g. a wide results panel). */
  classNames?: { dialog?: string; body?: string };
  children: ReactNode;
}

/**
 * A modal on the native <dialog> element: the browser traps focus, makes the page behind it inert
 * and restores focus afterwards, which hand-rolled overlays routinely get wrong.
 */
export function Modal({ open, onCancel, labelledBy, describedBy, testId, role = "dialog", classNames, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={classNames?.dialog ?? styles.dialog}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault(); // React state, not the browser, decides when it closes
        onCancel?.();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onCancel?.();
      }}
    >
      {open ? <div className={classNames?.body ?? styles.body}>{children}</div> : null}
    </dialog>
  );
}

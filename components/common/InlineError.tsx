/** A command's or form's error, announced to screen readers; renders nothing without one. */
export function InlineError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="error-text" role="alert">
      {message}
    </p>
  ) : null;
}

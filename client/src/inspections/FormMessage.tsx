/** What a form says after an attempt: saved, or why not. */
export interface FormMessageState {
  kind: "ok" | "error";
  text: string;
}

/** The message under a prevention form, announced to screen readers. */
export function FormMessage({ message }: { message: FormMessageState | undefined }) {
  if (!message) return null;
  return (
    <p className={message.kind === "error" ? "form__error" : "notice notice--ok"} role="status">
      {message.text}
    </p>
  );
}

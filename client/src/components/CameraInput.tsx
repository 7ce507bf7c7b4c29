import type { InputHTMLAttributes } from "react";

/**
 * A hidden file input that opens the phone's camera (or its photos), for use inside a translated
 * label: the browser's own file button would speak the browser's language, not the user's.
 */
export function CameraInput({
  onFiles,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "onChange"> & {
  /** The chosen files; the input is cleared afterwards so that the same photo may be chosen again. */
  onFiles: (files: FileList | null) => void;
}) {
  return (
    <input
      {...rest}
      className="visually-hidden"
      type="file"
      accept="image/*"
      capture="environment"
      multiple
      onChange={(change) => {
        onFiles(change.target.files);
        change.target.value = "";
      }}
    />
  );
}

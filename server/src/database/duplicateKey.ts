/** Whether a write failed on a unique index (E11000): how every "claim by unique _id" learns it lost. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** Whether an unordered bulk insert failed only on unique indexes: the rest went in. */
export function isOnlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (writeErrors?.length) return writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
  return isDuplicateKey(error);
}

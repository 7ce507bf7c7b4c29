/** Whether a write failed on a unique index (E11000): how every "claim by unique _id" learns it lost. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

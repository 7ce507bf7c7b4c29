import mongoose from "mongoose";

/**
 * Marks a query operator object written by our own code as trusted. With `sanitizeFilter` on,
 * mongoose neutralises every `{ field: { $op: … } }` it finds (the defence against operator
 * injection from request data), so operators we mean must say so.
 */
export function trusted<T extends object>(operators: T): T {
  return mongoose.trusted(operators) as T;
}

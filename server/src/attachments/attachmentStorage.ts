import type { Readable } from "node:stream";

/** What is kept beside the bytes of a stored object. */
export interface StoredObjectMeta {
  /** Media type of the bytes. */
  mime: string;
  /** Name to store it under, e.g. `<attachment id>.jpg`. */
  filename: string;
}

/** An object opened for reading. */
export interface OpenedObject {
  stream: Readable;
  meta: StoredObjectMeta & { size: number };
}

/**
 * Where attachment bytes live, apart from their metadata document. GridFS now; an object store
 * later would implement the same three calls.
 */
export interface AttachmentStorage {
  /** Stores `data`; resolves with the id to open or delete it by. */
  put(data: Buffer, meta: StoredObjectMeta): Promise<string>;
  /** Opens a stored object, or resolves undefined when there is none with this id. */
  open(id: string): Promise<OpenedObject | undefined>;
  /** Deletes a stored object; deleting one that is not there is not an error. */
  delete(id: string): Promise<void>;
}

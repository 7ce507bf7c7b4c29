import mongoose from "mongoose";
import type { AttachmentStorage, OpenedObject, StoredObjectMeta } from "./attachmentStorage";

type Db = mongoose.mongo.Db;
type GridFSBucket = mongoose.mongo.GridFSBucket;
const { GridFSBucket, ObjectId } = mongoose.mongo;

/** The bucket name: collections `attachments.files` and `attachments.chunks`. */
export const ATTACHMENT_BUCKET = "attachments";

/**
 * Attachment bytes in a GridFS bucket of the application's database (tested on MongoDB's driver
 * against FerretDB v1.24.2, where upload, download, find and delete all work). The database is
 * looked up on each call, since the connection may be replaced (a reconnect, a test's database).
 */
export class GridFsAttachmentStorage implements AttachmentStorage {
  private cached?: { db: Db; bucket: GridFSBucket };

  constructor(
    private readonly database: () => Db | undefined = () => mongoose.connection.db,
    private readonly bucketName = ATTACHMENT_BUCKET,
  ) {}

  private bucket(): GridFSBucket {
    const db = this.database();
    if (!db) throw new Error("The database is not connected.");
    if (this.cached?.db !== db) this.cached = { db, bucket: new GridFSBucket(db, { bucketName: this.bucketName }) };
    return this.cached.bucket;
  }

  async put(data: Buffer, meta: StoredObjectMeta): Promise<string> {
    const bucket = this.bucket();
    const id = new ObjectId();
    try {
      await new Promise<void>((resolve, reject) => {
        const upload = bucket.openUploadStreamWithId(id, meta.filename, { metadata: { mime: meta.mime } });
        upload.once("error", reject).once("finish", resolve);
        upload.end(data);
      });
    } catch (error) {
      // Chunks written before the failure would otherwise stay behind.
      await this.delete(id.toHexString()).catch(() => undefined);
      throw error;
    }
    return id.toHexString();
  }

  async open(id: string): Promise<OpenedObject | undefined> {
    if (!ObjectId.isValid(id)) return undefined;
    const bucket = this.bucket();
    const _id = new ObjectId(id);
    const file = await bucket.find({ _id }, { limit: 1 }).next();
    if (!file) return undefined;
    return {
      stream: bucket.openDownloadStream(_id),
      meta: {
        mime: String(file.metadata?.mime ?? "application/octet-stream"),
        filename: file.filename,
        size: file.length,
      },
    };
  }

  async delete(id: string): Promise<void> {
    if (!ObjectId.isValid(id)) return;
    try {
      await this.bucket().delete(new ObjectId(id));
    } catch (error) {
      // The driver deletes the chunks before it reports a missing files document.
      if (error instanceof mongoose.mongo.MongoRuntimeError && /not found/i.test(error.message)) return;
      throw error;
    }
  }
}

let shared: AttachmentStorage | undefined;

/** The storage the server uses. */
export function attachmentStorage(): AttachmentStorage {
  shared ??= new GridFsAttachmentStorage();
  return shared;
}

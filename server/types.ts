/**
 * The creations store behind an interface: metadata in a database, image bytes in a blob store. The
 * embedded defaults are SQLite (./sqlite) and files on disk (./files); a deployment that outgrows one
 * machine implements the same two interfaces on PostgreSQL and an S3-compatible bucket (README).
 */
import type { StudioId } from '../lib/share/recipe';

export interface StoredFile {
  /** fixed names chosen by the server: output, thumb, input-<slot>, model (a text creation's own model) */
  name: string;
  type: 'image/png' | 'image/jpeg' | 'image/webp' | 'application/json';
  bytes: number;
  /** an image's size in pixels; 0 for the model file */
  width: number;
  height: number;
}

export interface CreationRecord {
  /** 16 random bytes, base64url */
  id: string;
  /** SHA-256 of the delete token, hex: the token itself is never stored */
  tokenHash: string;
  studio: StudioId;
  title: string;
  /** the encoded recipe (lib/share/codec), its uploaded images rewritten to this creation's files */
  recipe: string;
  text: string | null;
  files: StoredFile[];
  /** listed in the gallery */
  listed: boolean;
  reports: number;
  createdAt: number;
}

export interface GalleryPage {
  items: CreationRecord[];
  /** pass as `before` for the next page; null on the last page */
  next: string | null;
}

/** Asynchronous, as every database client but an embedded one is; the embedded SQLite answers at once. */
export interface MetadataStore {
  /** Commits the record; when it resolves, the creation is durable. `beforeCommit` runs inside the
   * transaction (crash-injection tests). */
  insert(record: CreationRecord, beforeCommit?: () => void): Promise<void>;
  get(id: string): Promise<CreationRecord | null>;
  /** Listed creations with fewer than `maxReports` reports, newest first. */
  listed(limit: number, before: string | null, maxReports: number): Promise<GalleryPage>;
  remove(id: string): Promise<boolean>;
  setListed(id: string, listed: boolean): Promise<boolean>;
  /** Counts one report per reporter; resolves to the creation's report count, or null if it does not exist. */
  report(id: string, reporter: string): Promise<number | null>;
  /** Every creation id (for the sweep of orphan files). */
  ids(): Promise<Set<string>>;
  /** Runs `work` unless another process is running it (the sweep); resolves to whether it ran here. */
  exclusively(work: () => Promise<void>): Promise<boolean>;
  /** Rejects when the database cannot answer (the health check). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** A creation that has files, and when the newest of them was written (ms since 1970). */
export interface StoredCreation {
  id: string;
  writtenAt: number;
}

export interface BlobStore {
  /** Writes one creation's files; when it resolves they are durable. */
  write(id: string, files: { name: string; bytes: Uint8Array }[]): Promise<void>;
  /** One file's bytes as they are read from the store, or null when it is not there. */
  read(id: string, name: string): Promise<ReadableStream<Uint8Array> | null>;
  remove(id: string): Promise<void>;
  /** Every creation that has files (for the sweep of orphan files). */
  list(): Promise<StoredCreation[]>;
  /** Rejects when the store cannot be reached (the health check). */
  check(): Promise<void>;
}

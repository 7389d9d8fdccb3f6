/**
 * The creations service: validates an upload, stores its files and then its record, and answers reads.
 * The order is what makes a crash harmless: files first (durable), then the database commit, then the
 * answer. A crash before the commit leaves only files no record points to, which the next start removes;
 * nothing is listed or served until its record is committed, and its record only points to complete files.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeRecipe, encodeRecipe, RecipeError } from '../lib/share/codec';
import { readImageHeader } from '../lib/canvas/image-header';
import { cutTitle, FIELD, MAX_SHARED_TEXT, SHARE_MAX_REQUEST_PIXELS } from '../lib/share/limits';
import { imageRefsOf, isOwnModelRef, mapImageRefs, type Recipe, SHARE_ID_PATTERN } from '../lib/share/recipe';
import { MAX_MODEL_FILE_BYTES, ModelFileError, readOwnModelFile } from '../lib/store/own-model-file';
import { within } from '../lib/promises';
import { failpoint } from './failpoint';
import { cleanImage, thumbnail, UploadError } from './images';
import type { BlobStore, CreationRecord, GalleryPage, MetadataStore, StoredFile } from './types';
import { guarded, isUnavailable } from './unavailable';

export const GALLERY_PAGE_SIZE = 24;

/** Control characters: a database or a page may cut a string at a NUL, and none has a place in a title or a text
 * (text keeps its line breaks and tabs). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The title as stored: text only, control characters as spaces, at most MAX_TITLE characters (lib/share/limits.ts). */
function titleOf(field: FormDataEntryValue | null): string {
  if (field !== null && typeof field !== 'string') throw new UploadError(400, 'The title must be text, not a file.');
  const clean = (field ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return cutTitle(clean).trim();
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

interface ImageSlot {
  field: string;
  what: string;
  required: boolean;
}

/**
 * The upload's images, in `slots` order, refused before any is decoded when one that is required is missing or when
 * their headers add up to more than SHARE_MAX_REQUEST_PIXELS (a few hundred bytes of WebP can stand for 16 million).
 */
async function imageParts(form: FormData, slots: ImageSlot[]): Promise<(ImageSlot & { bytes: Uint8Array })[]> {
  const parts = [];
  let pixels = 0;
  for (const slot of slots) {
    const part = form.get(slot.field);
    if (!(part instanceof Blob)) {
      if (slot.required) throw new UploadError(400, `The upload is missing the ${slot.what}.`);
      continue;
    }
    const bytes = new Uint8Array(await part.arrayBuffer());
    const header = readImageHeader(bytes);
    pixels += header ? header.width * header.height : 0;
    parts.push({ ...slot, bytes });
  }
  if (pixels > SHARE_MAX_REQUEST_PIXELS)
    throw new UploadError(
      413,
      `The images of this upload hold ${(pixels / 1e6).toFixed(1)} million pixels; an upload may hold at most ` +
        `${(SHARE_MAX_REQUEST_PIXELS / 1e6).toFixed(1)} million.`,
    );
  return parts;
}

/**
 * A text creation's own model (lib/store/own-model-file.ts), which must be the file its recipe names: at most
 * MAX_MODEL_FILE_BYTES (413), a model of this studio (415), whole (400) and of the recipe's sha256 (400). Null for a
 * creation whose recipe names no own model.
 */
async function modelPart(form: FormData, recipe: Recipe): Promise<Uint8Array | null> {
  const part = form.get(FIELD.model);
  const own = recipe.studio === 'text' && isOwnModelRef(recipe.model) ? recipe.model : null;
  if (!own) {
    if (part !== null) throw new UploadError(400, 'Only a text creation written with its own model carries a model.');
    return null;
  }
  if (!(part instanceof Blob))
    throw new UploadError(400, `The upload is missing the model file its recipe names ("${own.name}").`);
  if (part.size > MAX_MODEL_FILE_BYTES)
    throw new UploadError(
      413,
      `This model file is ${(part.size / 1e6).toFixed(1)} MB; a shared model is at most 10 MB.`,
    );
  const bytes = new Uint8Array(await part.arrayBuffer());
  try {
    readOwnModelFile(bytes);
  } catch (e) {
    throw e instanceof ModelFileError ? new UploadError(e.status, e.message) : e;
  }
  if (sha256(bytes) !== own.fp)
    throw new UploadError(400, 'The model file is not the one the recipe names (its sha256 differs).');
  return bytes;
}

export interface CreatedCreation {
  id: string;
  deleteToken: string;
}

export class CreationService {
  constructor(
    private readonly meta: MetadataStore,
    private readonly blobs: BlobStore,
    private readonly reportsToHide: number,
    /** how long a request waits for the database or the file store before it is answered 503 */
    private readonly timeoutMs = 10_000,
  ) {}

  private db<T>(work: () => Promise<T>): Promise<T> {
    return guarded('database', this.timeoutMs, work);
  }

  private files<T>(work: () => Promise<T>): Promise<T> {
    return guarded('files', this.timeoutMs, work);
  }

  /**
   * Removes the files of creations that no record names and that were written over `graceMs` ago: left by a crash
   * between the file write and the commit, or between deleting a record and its files. The grace period keeps it
   * from taking the files of a creation another process has written and not yet committed; and it runs in one
   * process at a time. Resolves to the number of creations whose files it removed (0 when another process holds it).
   */
  async sweepOrphans(graceMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    await this.meta.exclusively(async () => {
      const stored = await this.blobs.list();
      const known = await this.meta.ids();
      const orphans = stored.filter((c) => c.writtenAt <= now - graceMs && !known.has(c.id));
      for (const { id } of orphans) await this.blobs.remove(id);
      removed = orphans.length;
    });
    return removed;
  }

  async create(form: FormData): Promise<CreatedCreation> {
    const recipeText = form.get(FIELD.recipe);
    if (typeof recipeText !== 'string') throw new UploadError(400, 'The upload has no recipe.');
    let recipe;
    try {
      recipe = await decodeRecipe(recipeText);
    } catch (e) {
      throw new UploadError(400, e instanceof RecipeError ? e.message : 'The recipe could not be read.');
    }
    const title = titleOf(form.get(FIELD.title)) || `A ${recipe.studio} creation`;
    const textField = form.get(FIELD.text);
    if (textField !== null && typeof textField !== 'string')
      throw new UploadError(400, 'The text field must be text, not a file.');
    if (textField !== null && recipe.studio !== 'text')
      throw new UploadError(400, `A ${recipe.studio} creation is an image: it carries no text.`);
    if (textField !== null && textField.length > MAX_SHARED_TEXT)
      throw new UploadError(413, `Shared text is at most ${MAX_SHARED_TEXT.toLocaleString('en')} characters.`);
    if (textField !== null && CONTROL_IN_TEXT.test(textField))
      throw new UploadError(400, 'The text contains control characters (only line breaks and tabs may be in it).');
    const model = await modelPart(form, recipe);
    const id = randomId(16);
    const parts = await imageParts(form, [
      { field: FIELD.output, what: 'output image', required: recipe.studio !== 'text' || textField === null },
      ...imageRefsOf(recipe).flatMap((ref, slot) =>
        ref.kind === 'preset' ? [] : [{ field: FIELD.input(slot), what: `input image ${slot + 1}`, required: true }],
      ),
    ]);
    const files: { stored: StoredFile; bytes: Uint8Array }[] = [];
    for (const part of parts) {
      const clean = await cleanImage(part.bytes, part.what);
      files.push({ stored: { name: part.field, bytes: clean.bytes.length, ...clean.file }, bytes: clean.bytes });
      if (part.field !== FIELD.output) continue;
      const thumb = await thumbnail(clean.bytes);
      files.push({ stored: { name: 'thumb', bytes: thumb.bytes.length, ...thumb.file }, bytes: thumb.bytes });
    }
    if (model) {
      const stored: StoredFile = {
        name: FIELD.model,
        type: 'application/json',
        bytes: model.length,
        width: 0,
        height: 0,
      };
      files.push({ stored, bytes: model });
    }
    // Every image and model the author's browser held travels with the creation; the recipe then points to it here.
    const sharedImages = mapImageRefs(recipe, (ref, slot) =>
      ref.kind === 'preset' ? ref : { kind: 'shared', creation: id, slot },
    );
    const sharedRecipe =
      sharedImages.studio === 'text' && isOwnModelRef(sharedImages.model)
        ? { ...sharedImages, model: { ...sharedImages.model, from: id } }
        : sharedImages;

    const deleteToken = randomId(32);
    const record: CreationRecord = {
      id,
      tokenHash: sha256(deleteToken),
      studio: recipe.studio,
      title,
      recipe: await encodeRecipe(sharedRecipe),
      text: textField,
      files: files.map((f) => f.stored),
      listed: form.get(FIELD.public) === '1',
      reports: 0,
      createdAt: Date.now(),
    };
    try {
      await this.files(() =>
        this.blobs.write(
          id,
          files.map((f) => ({ name: f.stored.name, bytes: f.bytes })),
        ),
      );
      failpoint('after-file-write');
      await this.db(() => this.meta.insert(record, () => failpoint('before-commit')));
    } catch (e) {
      // Nothing was committed, so the files go now rather than at the sweep; unless the database only failed to
      // answer in time: the insert may still commit, and then its record must find its files (if it never commits,
      // the sweep takes them after its grace period).
      // The answer does not wait for it: a stalled store must not double the client's wait.
      if (!(isUnavailable(e) && e.part === 'database' && e.timedOut))
        void this.files(() => this.blobs.remove(id)).catch(() => undefined);
      throw e;
    }
    failpoint('after-commit');
    return { id, deleteToken };
  }

  async get(id: string): Promise<CreationRecord | null> {
    return SHARE_ID_PATTERN.test(id) ? this.db(() => this.meta.get(id)) : null;
  }

  /** A file of a committed creation, by the names its record lists (so no other file is reachable), as it is read. */
  async file(id: string, name: string): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
    const file = (await this.get(id))?.files.find((f) => f.name === name);
    const body = file ? await this.files(() => this.blobs.read(id, name)) : null;
    return file && body ? { file, body } : null;
  }

  /** Whether the database and the file store answer, each within `withinMs`. */
  async health(withinMs: number): Promise<{ database: boolean; files: boolean }> {
    const answers = (check: Promise<void>) =>
      within(
        check.then(
          () => true,
          () => false,
        ),
        withinMs,
        false,
      );
    const [database, files] = await Promise.all([answers(this.meta.check()), answers(this.blobs.check())]);
    return { database, files };
  }

  close(): Promise<void> {
    return this.meta.close();
  }

  gallery(before: string | null): Promise<GalleryPage> {
    return this.db(() => this.meta.listed(GALLERY_PAGE_SIZE, before, this.reportsToHide));
  }

  /** True when the token is this creation's delete token. */
  authorises(record: CreationRecord, token: string): boolean {
    const given = Buffer.from(sha256(token), 'hex');
    return timingSafeEqual(given, Buffer.from(record.tokenHash, 'hex'));
  }

  /** The record goes first: once it is gone nothing serves the files, and a crash leaves only orphans. */
  async remove(id: string): Promise<void> {
    await this.db(() => this.meta.remove(id));
    // The record is gone, so the creation is; files left by a store that failed now are the sweep's.
    await this.files(() => this.blobs.remove(id)).catch(() => undefined);
  }

  async setListed(id: string, listed: boolean): Promise<void> {
    await this.db(() => this.meta.setListed(id, listed));
  }

  async report(id: string, reporter: string): Promise<number | null> {
    return SHARE_ID_PATTERN.test(id) ? this.db(() => this.meta.report(id, sha256(reporter))) : null;
  }
}

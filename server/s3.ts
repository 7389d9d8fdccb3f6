/**
 * Creation files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph RGW), under
 * creations/<id>/<name>. The bucket is written before the record is committed and emptied after the
 * record is deleted (server/creations.ts), so a record only ever names objects that are there. The app
 * reads the objects and serves them itself (same origin): the bucket never needs to be public.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { SHARE_ID_PATTERN } from '../lib/share/recipe';
import { FILE_NAME } from './files';
import type { BlobStore, StoredCreation } from './types';

const PREFIX = 'creations/';

function keyOf(id: string, name: string): string {
  if (!SHARE_ID_PATTERN.test(id) || !FILE_NAME.test(name)) throw new Error(`not a creation file: ${id}/${name}`);
  return `${PREFIX}${id}/${name}`;
}

export interface S3Settings {
  bucket: string;
  /** another server than AWS (MinIO, R2, a test server); unset for AWS itself */
  endpoint?: string;
  /** bucket in the path (http://host/bucket/key), which MinIO and older servers need, not in the host name */
  forcePathStyle: boolean;
}

/** Every object under `prefix`, a page of up to 1,000 at a time. */
async function* objectsUnder(s3: S3Client, bucket: string, prefix: string) {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    yield* page.Contents ?? [];
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Credentials and region come from the AWS SDK's usual places (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_REGION). A connection, a request or an idle socket that takes longer than `timeoutMs` fails (tried twice). */
export function s3BlobStore(settings: S3Settings, clientConfig: S3ClientConfig = {}, timeoutMs = 10_000): BlobStore {
  const s3 = new S3Client({
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeoutMs,
    },
    maxAttempts: 2,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    region: process.env.AWS_REGION || 'us-east-1',
    // Checksums only where an operation requires one: S3-compatible servers other than AWS's often reject the rest.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...clientConfig,
  });
  const Bucket = settings.bucket;

  return {
    async write(id, files) {
      // One creation's files in parallel; each PUT is durable in the bucket when it answers.
      await Promise.all(
        files.map(({ name, bytes }) =>
          s3.send(new PutObjectCommand({ Bucket, Key: keyOf(id, name), Body: bytes, ContentLength: bytes.length })),
        ),
      );
    },
    async read(id, name) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: keyOf(id, name) }));
        return object.Body ? (object.Body.transformToWebStream() as ReadableStream<Uint8Array>) : null;
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') return null;
        throw e;
      }
    },
    async remove(id) {
      if (!SHARE_ID_PATTERN.test(id)) throw new Error(`not a creation id: ${id}`);
      const keys: string[] = [];
      for await (const object of objectsUnder(s3, Bucket, `${PREFIX}${id}/`)) if (object.Key) keys.push(object.Key);
      // One DELETE per object (a creation has a few): the batch delete needs a checksum header that not every
      // S3-compatible server accepts.
      await Promise.all(keys.map((Key) => s3.send(new DeleteObjectCommand({ Bucket, Key }))));
    },
    async list() {
      const newest = new Map<string, number>();
      for await (const object of objectsUnder(s3, Bucket, PREFIX)) {
        const id = object.Key?.slice(PREFIX.length).split('/')[0] ?? '';
        if (!SHARE_ID_PATTERN.test(id)) continue;
        newest.set(id, Math.max(newest.get(id) ?? 0, object.LastModified?.getTime() ?? Date.now()));
      }
      return [...newest].map(([id, writtenAt]): StoredCreation => ({ id, writtenAt }));
    },
    async check() {
      await s3.send(new HeadBucketCommand({ Bucket }));
    },
  };
}

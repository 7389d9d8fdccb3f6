/**
 * An S3-compatible server for the tests: s3rver (npm), in this process, on a free port, its objects in a temporary
 * directory. The stores reach it through the real AWS SDK v3 (server/s3.ts), with path-style addresses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials; any other key is refused. */
export const TEST_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3 {
  endpoint: string;
  /** the settings and environment a server process needs to use `bucket` here */
  env(bucket: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3(buckets: string[]): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  return {
    endpoint,
    env: (bucket) => ({
      ATELIER_S3_BUCKET: bucket,
      ATELIER_S3_ENDPOINT: endpoint,
      ATELIER_S3_FORCE_PATH_STYLE: '1',
      AWS_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

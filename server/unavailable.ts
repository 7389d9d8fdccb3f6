/**
 * A dependency that failed or did not answer in time (the database, the file store). The request itself was fine
 * and may be tried again, so server/http.ts answers 503 with Retry-After, never 500.
 */
export type Dependency = 'database' | 'files';

const NAMES: Record<Dependency, string> = { database: 'database', files: 'file store' };

export class Unavailable extends Error {
  /** Marks an Unavailable by value: each route's chunk has its own copy of this class (as server/images.ts says). */
  readonly unavailable = true;
  constructor(
    readonly part: Dependency,
    /** true when it did not answer in time: what it was asked to do may still happen */
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(`The ${NAMES[part]} ${timedOut ? 'did not answer in time' : 'failed'}.`, options);
  }
}

export const isUnavailable = (e: unknown): e is Unavailable =>
  e instanceof Error && (e as Partial<Unavailable>).unavailable === true;

/** `work`'s result, or Unavailable when it fails or has not settled within `ms` (the work itself goes on). */
export function guarded<T>(part: Dependency, ms: number, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Unavailable(part, true)), ms);
    work().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(isUnavailable(e) ? e : new Unavailable(part, false, { cause: e }));
      },
    );
  });
}

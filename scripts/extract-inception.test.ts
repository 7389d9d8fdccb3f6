import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registryEntry } from '../models/registry';
import { extract, sha256, VERSION } from './extract-inception.mjs';

describe('InceptionV3 extraction', () => {
  it('is deterministic: its files match the sizes and sha256 pinned in the registry', () => {
    const entry = registryEntry('inception-v3');
    assert.equal(entry.version, VERSION);
    const { files } = extract();
    assert.deepEqual(
      files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
      entry.files,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../tests/support/node-files';

describe('layering (ESLint)', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const ruleIds = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId);

  it('refuses React, Konva, Tone, lib/ and the DOM inside models/', async () => {
    for (const code of ["import { useState } from 'react';", "import Konva from 'konva';", "import * as Tone from 'tone';", "import { x } from '../../lib/tf/backend';"]) {
      assert.ok((await ruleIds(`${code}\nexport const y = 1;\n`, 'models/example/model.ts')).includes('no-restricted-imports'), code);
    }
    assert.ok((await ruleIds('export const w = document.title;\n', 'models/example/model.ts')).includes('no-restricted-globals'));
  });

  it('allows the same imports in lib/ and app/', async () => {
    assert.deepEqual(await ruleIds("import { useState } from 'react';\nexport const s = useState;\n", 'lib/hooks/example.ts'), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../models/node/files';

describe('layering (ESLint)', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const ruleIds = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId);

  it('refuses React, Konva, Tone, lib/ and the DOM inside models/', async () => {
    for (const code of [
      "import { useState } from 'react';",
      "import Konva from 'konva';",
      "import * as Tone from 'tone';",
      "import { x } from '../../lib/engine/backend';",
    ]) {
      assert.ok(
        (await ruleIds(`${code}\nexport const y = 1;\n`, 'models/example/model.ts')).includes('no-restricted-imports'),
        code,
      );
    }
    assert.ok(
      (await ruleIds('export const w = document.title;\n', 'models/example/model.ts')).includes(
        'no-restricted-globals',
      ),
    );
  });

  it('refuses tests/ and bench/ inside models/, app/ and server/ inside lib/, app/ inside server/, bench/ inside app/, and tfjs outside models/ and lib/engine/', async () => {
    const refused: [string, string][] = [
      ["import { publicModel } from '../../tests/support/files';", 'models/example/model.test.ts'],
      ["import { BENCHMARKS } from '../../bench/run';", 'models/example/model.ts'],
      ["import { StudioFrame } from '../../app/_components/StudioFrame';", 'lib/hooks/example.ts'],
      ["import { StudioFrame } from '@/app/_components/StudioFrame';", 'lib/example.ts'],
      ["import { sharingServer } from '@/server/instance';", 'lib/share/example.ts'],
      ["import { StudioFrame } from '@/app/_components/StudioFrame';", 'server/example.ts'],
      ["import { x } from '@/bench/run';", 'app/bench/Example.tsx'],
      ["import { x } from '../../bench/run';", 'app/bench/Example.tsx'],
      ["import * as tf from '@tensorflow/tfjs';", 'app/faces/Example.tsx'],
      ["import * as tf from '@tensorflow/tfjs';", 'lib/hooks/example.ts'],
    ];
    for (const [code, file] of refused)
      assert.ok(
        (await ruleIds(`${code}\nexport const y = x;\n`, file)).includes('no-restricted-imports'),
        `${file}: ${code}`,
      );
  });

  it('allows the same imports in lib/ and app/', async () => {
    assert.deepEqual(
      await ruleIds("import { useState } from 'react';\nexport const s = useState;\n", 'lib/hooks/example.ts'),
      [],
    );
    assert.deepEqual(
      await ruleIds("import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n", 'lib/engine/example.ts'),
      [],
    );
  });
});

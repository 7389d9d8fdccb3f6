import next from 'eslint-config-next';
import prettier from 'eslint-config-prettier';

/** Import patterns for a top-level folder, whatever the depth of the importing file. */
const under = (folder) => [`@/${folder}/*`, ...[1, 2, 3, 4].map((depth) => `${'../'.repeat(depth)}${folder}/*`)];

// The layers (docs/ARCHITECTURE.md): models/ (the ML, free of UI) <- lib/ <- server/ (the sharing server) <- app/;
// bench/, scripts/ and tests/ sit on top and nothing below imports them.
const uiFree = {
  files: ['models/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: ['react', 'react-dom', 'konva', 'react-konva', 'tone', 'next'].map((name) => ({
          name,
          message: 'models/ stays free of UI: move this to lib/ or app/.',
        })),
        patterns: [
          {
            group: ['react/*', 'react-dom/*', 'next/*', 'konva/*', 'tone/*', ...under('app'), ...under('lib')],
            message: 'models/ imports nothing from lib/, app/ or UI libraries.',
          },
          {
            group: [...under('tests'), ...under('bench')],
            message: 'models/ imports nothing from tests/ or bench/: Node helpers for its tests live in models/node/.',
          },
        ],
      },
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'HTMLCanvasElement', 'localStorage'],
  },
};
// Tensors live in models/ and the run engine (lib/engine/) only: the page sends plans and draws frames.
const belowApp = {
  group: [...under('app'), ...under('server'), ...under('bench'), ...under('tests')],
  message: 'lib/ serves app/: it imports nothing from app/, server/, bench/ or tests/.',
};
const tensorsInEngine = {
  group: ['@tensorflow/*'],
  message: 'Only models/ and lib/engine/ use tfjs: send the engine a plan (lib/engine/protocol.ts) instead.',
};
const libBelowApp = {
  files: ['lib/**/*.ts', 'lib/**/*.tsx'],
  ignores: ['lib/**/*.test.ts', 'lib/engine/**'],
  rules: { 'no-restricted-imports': ['error', { patterns: [belowApp, tensorsInEngine] }] },
};
const engineBelowApp = {
  files: ['lib/engine/**/*.ts'],
  ignores: ['lib/**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [belowApp] }] },
};
// lib/'s own tests may use the shared test fixtures (tests/support), never app/ or bench/.
const libTestsBelowApp = {
  files: ['lib/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...under('app'), ...under('server'), ...under('bench')],
            message: 'lib/ serves app/: it imports nothing from app/, server/ or bench/.',
          },
        ],
      },
    ],
  },
};
// The sharing server (Node only) serves app/'s API routes and server-rendered pages; its tests may use tests/support.
const serverBelowApp = {
  files: ['server/**/*.ts'],
  ignores: ['server/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...under('app'), ...under('bench'), ...under('tests')],
            message: 'server/ serves app/: it imports nothing from app/, bench/ or tests/.',
          },
          tensorsInEngine,
        ],
      },
    ],
  },
};
const appBelowBench = {
  files: ['app/**/*.ts', 'app/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...under('bench'), ...under('tests')],
            message: 'app/ imports nothing from bench/ or tests/: browser benchmarks live in lib/engine/.',
          },
          tensorsInEngine,
        ],
      },
    ],
  },
};

// Prettier wraps code at 120 but not strings or comments, so comments are wrapped by hand; elsewhere a long string
// or URL may run on, in app/ and lib/ only a URL.
const lineLength = {
  rules: {
    'max-len': [
      'error',
      { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
    ],
  },
};
// No dead code: an import or a variable nothing reads is an error (a leading _ marks one left out on purpose).
const noUnused = {
  files: ['**/*.ts', '**/*.tsx'],
  rules: {
    '@typescript-eslint/no-unused-vars': [
      'error',
      {
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
        ignoreRestSiblings: true,
      },
    ],
  },
};
const hardLineLength = {
  files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts', 'lib/**/*.tsx'],
  rules: { 'max-len': ['error', { code: 120, ignoreUrls: true }] },
};

const eslintConfig = [
  ...next,
  uiFree,
  libBelowApp,
  engineBelowApp,
  libTestsBelowApp,
  serverBelowApp,
  appBelowBench,
  prettier,
  lineLength,
  hardLineLength,
  noUnused,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'public/**',
      'runs/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
];

export default eslintConfig;

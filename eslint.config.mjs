import next from 'eslint-config-next';

// models/ is the ML, free of UI: no React, DOM-bound libraries, canvas or audio there (DESIGN.md layers).
const uiFree = {
  files: ['models/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: ['react', 'react-dom', 'konva', 'react-konva', 'tone', 'next'].map((name) => ({ name, message: 'models/ stays free of UI: move this to lib/ or app/.' })),
      patterns: [{ group: ['react/*', 'react-dom/*', 'next/*', 'konva/*', 'tone/*', '@/app/*', '@/lib/*', '../../lib/*', '../../app/*'], message: 'models/ imports nothing from lib/, app/ or UI libraries.' }],
    }],
    'no-restricted-globals': ['error', 'window', 'document', 'HTMLCanvasElement', 'localStorage'],
  },
};

const eslintConfig = [
  ...next,
  uiFree,
  { ignores: ['.next/**', 'node_modules/**', 'public/**', 'runs/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default eslintConfig;

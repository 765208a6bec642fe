import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// app/ and components/ never reach the database directly: only lib/ does, through lib/db.ts.
const noDatabaseOutsideLib = {
  files: ['app/**', 'components/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@/lib/db', '**/lib/db', '**/lib/db.ts', '@/lib/generated/*', '**/generated/prisma/*'], message: 'Only lib/ talks to the database; call a lib/<domain> function instead.' },
          { group: ['@prisma/*', 'pg'], message: 'Only lib/db.ts creates database clients.' },
        ],
      },
    ],
  },
};

// Imports flow app -> components -> lib, never back.
const oneWayImports = [
  { files: ['lib/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/components/*', '**/app/*', '**/components/*'], message: 'lib/ must not import app/ or components/.' }] }] } },
];

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  noDatabaseOutsideLib,
  ...oneWayImports,
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
];

export default config;

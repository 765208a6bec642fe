import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { DATABASE_MODULES } from './scripts/lib/structure-rules.mjs';

// One import style: `./x` for a file's own folder, `@/...` for anything else, never `../`, so a
// module's imports read the same wherever it is and moving a file does not rewrite its neighbours.
const oneImportStyle = { group: ['../*', '../**'], message: 'Import from another folder with @/..., not ../' };

// app/ and components/ never reach the database directly: only lib/ does, through lib/db.ts.
const databaseOutsideLib = [
  {
    group: ['@/lib/db', '**/lib/db', '**/lib/db.ts', '@/lib/generated/*', '**/generated/prisma/*'],
    message: 'Only lib/ talks to the database; call a lib/<domain> function instead.',
  },
  { group: ['@prisma/*', 'pg'], message: 'Only lib/db.ts creates database clients.' },
];
const noDatabaseOutsideLib = {
  files: ['app/**'],
  rules: { 'no-restricted-imports': ['error', { patterns: [...databaseOutsideLib, oneImportStyle] }] },
};

// A component is used by routes, never the other way round.
const componentsNeverImportApp = {
  files: ['components/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...databaseOutsideLib,
          { group: ['@/app', '@/app/*', '**/app/*'], message: 'components/ must not import app/: move what both need into components/ or lib/.' },
          oneImportStyle,
        ],
      },
    ],
  },
};

// Inside lib/, only a domain's queries.ts and mutations.ts (and the few database modules listed,
// with their reasons, in scripts/lib/structure-rules.mjs) use the database client; the rest of a
// domain is pure and takes a transaction as a parameter when it must run inside one.
const databaseOnlyInQueriesAndMutations = {
  files: ['lib/**'],
  ignores: ['lib/**/queries.ts', 'lib/**/mutations.ts', ...Object.keys(DATABASE_MODULES), 'lib/generated/**', '**/*.test.ts', '**/*.test-*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: ['@/lib/db', '@/lib/db.ts', './db.ts'].map((name) => ({
          name,
          importNames: ['db', 'disconnectDb'],
          message: 'Only queries.ts and mutations.ts use the database client (exceptions: scripts/lib/structure-rules.mjs).',
        })),
        patterns: [
          {
            group: ['pg', '@prisma/*', '@/lib/generated/*', '**/generated/prisma/*'],
            allowTypeImports: true,
            message: 'Only queries.ts and mutations.ts use the database client (exceptions: scripts/lib/structure-rules.mjs).',
          },
        ],
      },
    ],
  },
};

// Imports flow app -> components -> lib, never back.
const oneWayImports = [
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '@/components/*', '**/app/*', '**/components/*'], message: 'lib/ must not import app/ or components/.' },
            oneImportStyle,
          ],
        },
      ],
    },
  },
];

// Outside input reaches app/ code through parseInput (lib/validation.ts), which also refuses a NUL
// anywhere in it (PostgreSQL text cannot hold one), never through a schema's own safeParse.
const inputThroughParseInput = {
  files: ['app/**'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: "CallExpression[callee.property.name='safeParse']", message: 'Parse outside input with parseInput from @/lib/validation.' },
    ],
  },
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  noDatabaseOutsideLib,
  componentsNeverImportApp,
  ...oneWayImports,
  databaseOnlyInQueriesAndMutations,
  inputThroughParseInput,
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
];

export default config;

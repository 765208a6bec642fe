/**
 * `npm test`: typecheck, lint, unit, integration (real PostgreSQL) and end-to-end (production build
 * in Chromium), with nothing to start by hand. Without TEST_DATABASE_URL it runs a throwaway
 * embedded PostgreSQL for the integration and browser tests.
 *   npm test                 every stage
 *   npm run test:integration integration tests only
 *   npm run test:e2e         browser tests only
 *   npm run test:e2e -- e2e/annotator.spec.ts --grep conflict   (later arguments go to Playwright)
 */
import { env as checkedEnv } from '../lib/env.ts';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureBuild, runCommand } from './lib/build.ts';
import { projectRoot } from './lib/project.ts';
import { openTestDatabases, type TestDatabases } from './test/databases.ts';

type Stage = 'typecheck' | 'lint' | 'unit' | 'integration' | 'e2e';
const ALL: Stage[] = ['typecheck', 'lint', 'unit', 'integration', 'e2e'];
const only = process.argv[2] as Stage | undefined;
if (only && !ALL.includes(only)) throw new Error(`Unknown stage "${only}": use one of ${ALL.join(', ')}.`);
const stages = only ? [only] : ALL;
// With one stage named, the arguments after it go to that stage's runner (Playwright: files, --grep, ...).
const passThrough = only ? process.argv.slice(3) : [];

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
const reports = path.join(projectRoot, 'test-results', 'reports');
const counts = { passed: 0, failed: 0, skipped: 0 };
const timings: [string, number][] = [];

async function timed(name: string, run: () => Promise<void>) {
  console.log(`\n━━ ${name} ━━`);
  const start = performance.now();
  try {
    await run();
  } finally {
    timings.push([name, (performance.now() - start) / 1000]);
  }
}

async function countVitest(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(await readFile(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + r.numTodoTests;
}

async function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const r = JSON.parse(await readFile(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  counts.passed += r.stats.expected + r.stats.flaky;
  counts.failed += r.stats.unexpected;
  counts.skipped += r.stats.skipped;
}

async function vitest(project: 'unit' | 'integration', env: NodeJS.ProcessEnv) {
  const out = path.join(reports, `${project}.json`);
  try {
    await runCommand(bin('vitest'), ['run', '--project', project, ...passThrough, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  } finally {
    await countVitest(out);
  }
}

async function main() {
  await rm(reports, { recursive: true, force: true });
  await mkdir(reports, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: checkedEnv().CI ? '0' : '1' };
  let databases: TestDatabases | undefined;
  const needDatabase = stages.includes('integration') || stages.includes('e2e');
  const cleanup = async () => {
    await databases?.close();
    databases = undefined;
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    if (stages.includes('typecheck')) await timed('typecheck', () => runCommand(bin('tsc'), ['--noEmit'], env));
    // The package's lint script, so `npm test` holds every rule `npm run lint` holds (ESLint, the structure check, the format).
    if (stages.includes('lint')) await timed('lint', () => runCommand('npm', ['run', '--silent', 'lint'], env));
    if (stages.includes('unit')) await timed('unit tests', () => vitest('unit', env));
    if (needDatabase) await timed('test database', async () => void (databases = await openTestDatabases()));
    if (stages.includes('integration')) {
      await timed('integration tests', () => vitest('integration', { ...env, TEST_DATABASE_URL: databases!.serverUrl, TEST_TEMPLATE_READY: '1' }));
    }
    if (stages.includes('e2e')) {
      await timed('production build', async () => void (await ensureBuild((line) => console.log(line))));
      const out = path.join(reports, 'e2e.json');
      await timed('end-to-end tests', async () => {
        try {
          await runCommand(bin('playwright'), ['test', ...passThrough], { ...env, TEST_DATABASE_URL: databases!.serverUrl, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
        } finally {
          await countPlaywright(out);
        }
      });
    }
  } finally {
    await cleanup();
    console.log('\n━━ summary ━━');
    for (const [name, seconds] of timings) console.log(`${name.padEnd(20)} ${seconds.toFixed(1).padStart(6)} s`);
    console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(`\nnpm test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './lib/project.ts';

/**
 * The docs are part of the project and must stay true to it: links and quoted paths that lead
 * nowhere, a code comment citing a section that does not exist, or an environment variable the
 * code reads without the README's configuration table saying what it does, all fail here.
 */

const SKIPPED_DIRS = new Set(['node_modules', '.next', '.git', '.data', 'generated', 'test-results', 'playwright-report']);
const SOURCE_EXTENSIONS = /\.(ts|tsx|mjs|js|cjs|json)$/;
/** Set by Node, Next.js or a CI runner, not by whoever runs Newsmark. */
const PLATFORM_VARIABLES = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'NEXT_PHASE', 'CI', 'NEXT_TELEMETRY_DISABLED', 'FORCE_COLOR']);

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(file, keep);
    return keep(file) ? [file] : [];
  });
}

const docs = () => ['README.md', ...filesUnder('docs', (file) => file.endsWith('.md'))];
/** Every source file but this one, whose examples are not the project's. */
const sources = () =>
  filesUnder('.', (file) => SOURCE_EXTENSIONS.test(file) && file !== 'package-lock.json')
    .map((file) => file.replace(/^\.\//, ''))
    .filter((file) => file !== 'scripts/docs.test.ts');

/** The first capture group of every match. */
const captured = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1] ?? '');

/** Markdown without its fenced code blocks, whose text is not links. */
const withoutFences = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '');

/** The anchors GitHub gives a document's headings. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const heading of captured(withoutFences(markdown), /^#{1,6}\s+(.+)$/gm)) {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

const headingTexts = (markdown: string) =>
  new Set(captured(withoutFences(markdown), /^#{1,6}\s+(.+)$/gm).map((heading) => heading.replaceAll('`', '').trim().toLowerCase()));

/** Problems with the relative links of one Markdown file: a missing file, or a missing heading. */
export function brokenLinks(file: string, markdown: string, readFile: (file: string) => string | null): string[] {
  const problems: string[] = [];
  const text = withoutFences(markdown).replace(/`[^`\n]*`/g, '');
  for (const target of captured(text, /\]\(([^)\s]+)\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    const [pathPart = '', anchor = ''] = target.split('#', 2);
    const linked = pathPart ? path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart)) : file;
    if (linked.startsWith('..')) {
      problems.push(`${file}: ${target} leaves the repository`);
      continue;
    }
    const content = readFile(linked);
    if (content === null) problems.push(`${file}: ${target} names no file`);
    else if (anchor && linked.endsWith('.md') && !headingAnchors(content).has(anchor)) problems.push(`${file}: ${target} names no heading of ${linked}`);
  }
  return problems;
}

const REPO_PATH = /^(app|lib|components|scripts|bench|e2e|prisma|docs)\/[\w@()[\].\-/]*$/;

/** Paths of the repository quoted as `code` in a Markdown file that exist nowhere. */
export function missingQuotedPaths(markdown: string, exists: (file: string) => boolean): string[] {
  const quoted = captured(markdown, /`([^`\n]+)`/g).filter((code) => REPO_PATH.test(code));
  return [...new Set(quoted)].filter((quotedPath) => !exists(quotedPath.replace(/\/$/, '')));
}

/** `docs/x.md` and `docs/x.md "Section"` (or `, "Section"`) cited in a source file, with the section if any. */
export function docCitations(source: string): { doc: string; section?: string }[] {
  return [...source.matchAll(/\b(docs\/[\w-]+\.md)(?:'s)?(?:,?\s*(?:\*\s*)?\\?"([^"\\]+)\\?")?/g)].map(([, doc = '', section]) =>
    section === undefined ? { doc } : { doc, section: section.replace(/\s*\n\s*\*?\s*/g, ' ') },
  );
}

/** Environment variables a source file reads: process.env.X, process.env['X'], *_ENV = 'X' constants, and the keys of lib/env.ts. */
export function environmentVariables(file: string, source: string): string[] {
  const names = [
    ...captured(source, /process\.env\.([A-Z][A-Z0-9_]*)/g),
    ...captured(source, /process\.env\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g),
    ...captured(source, /\b[A-Z][A-Z0-9_]*_ENV\s*=\s*['"]([A-Z][A-Z0-9_]*)['"]/g),
  ];
  if (file === 'lib/env.ts') names.push(...captured(source, /^\s*['"]?([A-Z][A-Z0-9_]*)['"]?\??\s*:/gm));
  return names;
}

/** The npm scripts a text runs: `npm start`, `npm test`, `npm run <script>` (`npm run bench:<name>` names `bench`). */
export function npmScripts(text: string): string[] {
  return [...captured(text, /\bnpm (start|test)\b/g), ...captured(text, /\bnpm run ([\w:-]*\w)/g)];
}

/** The variables named in the first column of the README's configuration table. */
export function configurationTable(readme: string): Set<string> {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'));
  if (!section) return new Set();
  return new Set(captured(section, /^\|([^|\n]+)\|/gm).flatMap((cell) => captured(cell, /`([A-Z][A-Z0-9_]*)`/g)));
}

const readIfExists = (file: string) => {
  const full = path.join(projectRoot, file);
  if (!existsSync(full)) return null;
  try {
    return readFileSync(full, 'utf8');
  } catch {
    return ''; // a folder: it exists, and has no headings
  }
};

describe('the docs', () => {
  it('link only to files and headings that exist, inside the repository', () => {
    expect(docs().flatMap((file) => brokenLinks(file, read(file), readIfExists))).toEqual([]);
  });

  it('quote only repository paths that exist', () => {
    const exists = (file: string) => existsSync(path.join(projectRoot, file));
    expect(docs().flatMap((file) => missingQuotedPaths(read(file), exists).map((quoted) => `${file}: ${quoted}`))).toEqual([]);
  });

  it('hold every section a code comment cites', () => {
    const problems = sources().flatMap((file) =>
      docCitations(read(file)).flatMap(({ doc, section }) => {
        const content = readIfExists(doc);
        if (content === null) return [`${file}: ${doc} does not exist`];
        if (section && !headingTexts(content).has(section.toLowerCase())) return [`${file}: ${doc} has no section "${section}"`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('name only npm scripts that package.json has', () => {
    const scripts = new Set(['start', 'test', 'install', ...Object.keys((JSON.parse(read('package.json')) as { scripts: object }).scripts)]);
    const named = docs().flatMap((file) => npmScripts(read(file)).map((script) => ({ file, script })));
    expect(named.filter(({ script }) => !scripts.has(script))).toEqual([]);
  });

  it('never point outside the project', () => {
    const outside = /\.\.\/shared|DESIGN\.md|STACK\.md/;
    expect([...docs(), ...sources()].filter((file) => outside.test(read(file)))).toEqual([]);
  });

  it("list every environment variable the code reads in the README's configuration table, and no other", () => {
    const read_ = new Set(sources().flatMap((file) => environmentVariables(file, read(file))));
    const documented = configurationTable(read('README.md'));
    const undocumented = [...read_].filter((name) => !documented.has(name) && !PLATFORM_VARIABLES.has(name)).sort();
    const unread = [...documented].filter((name) => !read_.has(name)).sort();
    expect({ undocumented, unread }).toEqual({ undocumented: [], unread: [] });
  });
});

describe('the checks themselves', () => {
  it('find a broken link, a missing heading and a link out of the repository', () => {
    const files: Record<string, string> = { 'docs/a.md': '# Alpha beta\n', 'docs/b.md': '' };
    const readFile = (file: string) => files[file] ?? null;
    expect(brokenLinks('docs/b.md', '[x](a.md#alpha-beta) [y](c.md) [z](a.md#gamma) [w](../../x.md) [u](https://e.org) `[v](nowhere.md)`', readFile)).toEqual([
      'docs/b.md: c.md names no file',
      'docs/b.md: a.md#gamma names no heading of docs/a.md',
      'docs/b.md: ../../x.md leaves the repository',
    ]);
  });

  it('anchor headings as GitHub does', () => {
    expect([...headingAnchors("## The W3C export's layout\n## A: b, c\n## A: b, c\n```\n# not a heading\n```")]).toEqual([
      'the-w3c-exports-layout',
      'a-b-c',
      'a-b-c-1',
    ]);
  });

  it('read citations, with and without a section, across a wrapped comment', () => {
    expect(docCitations('(docs/a.md "Text and offsets") docs/b.md\'s table; docs/c.md, "The W3C export\'s\n * layout".')).toEqual([
      { doc: 'docs/a.md', section: 'Text and offsets' },
      { doc: 'docs/b.md' },
      { doc: 'docs/c.md', section: "The W3C export's layout" },
    ]);
  });

  it('read the npm scripts a text runs', () => {
    expect(npmScripts('npm install && npm start; npm test; `npm run test:e2e -- x`, `npm run bench:<name>`, npm run lint.')).toEqual([
      'start',
      'test',
      'test:e2e',
      'bench',
      'lint',
    ]);
  });

  it('read variables from process.env, from *_ENV constants and from the keys of lib/env.ts', () => {
    const source = "process.env.A_B ?? process.env['C']; const X_ENV = 'D';\nconst schema = z.object({\n  E_F: z.string(),\n  'G': z.string(),\n});";
    expect(environmentVariables('lib/x.ts', source)).toEqual(['A_B', 'C', 'D']);
    expect(environmentVariables('lib/env.ts', source)).toEqual(['A_B', 'C', 'D', 'E_F', 'G']);
    expect([...configurationTable('## Configuration\n\n| variable |\n|---|\n| `A`, `B` | `C` |\n\n## Next\n| `D` |')]).toEqual(['A', 'B']);
  });
});

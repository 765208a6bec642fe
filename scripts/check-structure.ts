/**
 * The structure rules ESLint cannot state file by file, run by `npm run lint`:
 * - file names: a lib/<domain>/ folder has model.ts, schemas.ts, queries.ts, mutations.ts and pure
 *   modules named after what they compute; never a catch-all (service.ts, manage.ts, utils.ts…);
 * - no import cycle between domains (lib/<domain>/ folders, each top-level lib/*.ts on its own);
 * - a client component ('use client') never reaches server code: the database client, a query or
 *   mutation file or a database module, through any chain of value imports.
 * Tests and their support files are left out: they may reach across domains.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './lib/project.ts';
import { DATABASE_MODULES } from './lib/structure-rules.mjs';

// A domain's types live in model.ts (types and constants), so `types` is refused with the catch-alls.
const CATCH_ALL_NAMES = new Set(['service', 'services', 'manage', 'utils', 'util', 'helpers', 'misc', 'common', 'types']);
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const TEST = /\.(test|int\.test)\.tsx?$|\.test-[a-z-]+\.ts$|\.d\.ts$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (file !== 'lib/generated') out.push(...sourceFiles(file));
    } else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) out.push(file);
  }
  return out;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

// Static imports and re-exports, and import() with a literal; `import type` and imports that name
// only types are marked, since they vanish at run time.
const IMPORT =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(projectRoot, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const found: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[4]) {
      const names = m[3] ?? '';
      const braces = /^\{([\s\S]*)\}$/.exec(names.trim());
      const allTypes = braces !== null && braces[1]!.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim()));
      found.push({ specifier: m[4], typeOnly: Boolean(m[2]) || allTypes });
    } else found.push({ specifier: (m[5] ?? m[6])!, typeOnly: false });
  }
  return found;
}

const CANDIDATES = ['', '.ts', '.tsx', '.mjs', '/index.ts', '/index.tsx'];
/** The project file a specifier names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  for (const suffix of CANDIDATES) {
    const file = base + suffix;
    if (fs.existsSync(path.join(projectRoot, file)) && fs.statSync(path.join(projectRoot, file)).isFile()) return file;
  }
  return null;
}

/** lib/<domain>/… belongs to its domain; a top-level lib/*.ts file stands alone. */
const domainOf = (file: string): string | null => {
  const parts = file.split('/');
  if (parts[0] !== 'lib') return null;
  return parts.length > 2 ? parts[1]! : file;
};

const problems: string[] = [];
const libFiles = sourceFiles('lib');

// 1. File names.
for (const file of libFiles) {
  const name = path.posix.basename(file).replace(/\.[^.]+$/, '');
  if (file.split('/').length > 2 && CATCH_ALL_NAMES.has(name)) {
    problems.push(`${file}: a catch-all name; use queries.ts (reads), mutations.ts (writes), model.ts, schemas.ts or a module named after what it computes.`);
  }
}

// 2. Cycles between domains.
const edges = new Map<string, Map<string, string>>(); // domain -> (domain -> a file making the edge)
for (const file of libFiles) {
  const from = domainOf(file)!;
  for (const { specifier } of importsOf(file)) {
    const target = resolve(file, specifier);
    const to = target && domainOf(target);
    if (!to || to === from || to.startsWith('lib/generated')) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} imports ${target}`);
  }
}
// Tarjan's strongly connected components: every component of more than one domain is a cycle.
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
function connect(v: string): void {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
  }
  if (low.get(v) !== index.get(v)) return;
  const component: string[] = [];
  let w: string;
  do {
    w = stack.pop()!;
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length < 2) return;
  const inside = new Set(component);
  const why = component.flatMap((d) => [...(edges.get(d) ?? [])].filter(([to]) => inside.has(to)).map(([to, file]) => `    ${d} -> ${to}: ${file}`));
  problems.push(`An import cycle between domains {${component.sort().join(', ')}}:\n${why.join('\n')}`);
}
for (const domain of edges.keys()) if (!index.has(domain)) connect(domain);

// 3. Client components never reach server code.
const serverModules = new Set(Object.keys(DATABASE_MODULES));
const isServerModule = (file: string) => serverModules.has(file) || file.startsWith('lib/generated/') || /^lib\/.*\/(queries|mutations)\.ts$/.test(file);
const SERVER_PACKAGES = /^(pg|@prisma\/.*|server-only|next\/headers|node:.*)$/;
const clientFiles = [...sourceFiles('components'), ...sourceFiles('app')].filter((f) =>
  /^\s*['"]use client['"]/.test(fs.readFileSync(path.join(projectRoot, f), 'utf8')),
);
for (const client of clientFiles) {
  const via = new Map<string, string>([[client, '']]);
  const queue = [client];
  while (queue.length) {
    const file = queue.shift()!;
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (typeOnly) continue;
      const chain = () => [client, ...pathTo(file).slice(1)].join(' -> ');
      const pathTo = (f: string): string[] => (via.get(f) ? [...pathTo(via.get(f)!), f] : [f]);
      if (SERVER_PACKAGES.test(specifier)) {
        problems.push(`${client}: a client component reaches the server package '${specifier}' (${chain()}).`);
        continue;
      }
      const target = resolve(file, specifier);
      if (!target || via.has(target) || TEST.test(target)) continue;
      via.set(target, file);
      if (isServerModule(target)) problems.push(`${client}: a client component reaches the server module ${target} (${chain()} -> ${target}).`);
      else queue.push(target);
    }
  }
}

if (problems.length) {
  console.error(`Structure check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const domains = new Set(libFiles.map(domainOf).filter((d) => !d!.endsWith('.ts')));
console.log(
  `Structure check: ${libFiles.length} lib modules in ${domains.size} domains, no cycle between domains, ${clientFiles.length} client components clear of server code.`,
);

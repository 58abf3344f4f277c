// The import boundaries between Rove's folders, as one ESLint rule: each relative import (static,
// dynamic, `export … from`, and `import('…')` in a type) is resolved to a path from the repository
// root and checked against the table in BOUNDARIES. A folder that may not import another gets an error
// naming the rule it breaks; `import type` is allowed only where a rule says so.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Repo-relative path without the extension, e.g. "server/db/queries/plans". */
function normalise(file) {
  return path
    .relative(ROOT, file)
    .split(path.sep)
    .join('/')
    .replace(/\.(ts|js|mts|mjs)$/, '');
}

const under = (dir) => (p) => p === dir || p.startsWith(`${dir}/`);
const anyOf =
  (...tests) =>
  (p) =>
    tests.some((t) => t(p));

/**
 * Each boundary: files matching `from` may not import modules matching `to`, unless `allow`
 * matches the target (`allowType` matches the target of a type-only import).
 */
export const BOUNDARIES = [
  {
    name: 'the solver core imports nothing outside jobs/solver',
    from: under('jobs/solver'),
    to: (p) => !under('jobs/solver')(p),
  },
  {
    name: 'jobs/ uses server/db and nothing else of server/',
    from: under('jobs'),
    to: under('server'),
    allow: under('server/db'),
  },
  {
    // jobs/config: the worker's settings are the jobs' own; the server's config extends them.
    name: 'server/ imports jobs/ only through its config, runtime, planning service, the planning checks, the advice pool and its thread pool',
    from: under('server'),
    to: under('jobs'),
    allow: anyOf(
      under('jobs/config'),
      under('jobs/runtime'),
      under('jobs/planning-service'),
      under('jobs/planning/validate'),
      under('jobs/planning/advice'),
      under('jobs/advice-pool'),
      under('jobs/pool'),
      under('jobs/planning/calendar'),
      under('jobs/planning/geo'),
    ),
  },
  {
    name: 'web/ imports nothing of server/ or jobs/ but `import type` from server/contract',
    from: under('web'),
    to: anyOf(under('server'), under('jobs')),
    allowType: under('server/contract'),
  },
  {
    name: 'server/db/queries returns rows and codes: no i18n, services, routes or plugins',
    from: under('server/db'),
    to: anyOf(under('server/i18n'), under('server/services'), under('server/routes'), under('server/plugins')),
  },
  {
    name: 'server/routes is the edge: jobs/ and server/db never import it',
    from: anyOf(under('jobs'), under('server/db'), under('server/services')),
    to: under('server/routes'),
  },
  {
    name: 'test/ imports nothing of bench/ (bench/ may use test/helpers)',
    from: under('test'),
    to: under('bench'),
  },
];

/** @type {import('eslint').Rule.RuleModule} */
export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps each folder's imports inside the layers it may depend on." },
    schema: [],
    messages: { crosses: '{{from}} may not import {{to}}: {{rule}}.' },
  },
  create(context) {
    const from = normalise(context.filename);
    const rules = BOUNDARIES.filter((b) => b.from(from));
    if (rules.length === 0) return {};
    function check(node, source, typeOnly) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = normalise(path.resolve(path.dirname(context.filename), source.value));
      for (const b of rules) {
        if (!b.to(to) || b.allow?.(to) || (typeOnly && b.allowType?.(to))) continue;
        context.report({ node, messageId: 'crosses', data: { from, to, rule: b.name } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source, n.importKind === 'type'),
      ExportNamedDeclaration: (n) => check(n, n.source, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n, n.source, n.exportKind === 'type'),
      ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : null, false),
      TSImportType: (n) => check(n, n.argument?.literal ?? n.source ?? null, true),
    };
  },
};

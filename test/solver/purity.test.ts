// The solver core must stay pure: numbers and matrices in, no server, database, queue, date,
// geometry or Node I/O imports (house style rule 8).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../jobs/solver/', import.meta.url));
const forbidden = [/server\//, /drizzle/, /fastify/, /bullmq/, /luxon/, /turf/, /^node:/, /^(fs|path|os|child_process|worker_threads|http|https|net)$/, /ioredis/, /postgres/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    if (statSync(full).isDirectory()) return sources(full);
    return f.endsWith('.ts') ? [full] : [];
  });
}

describe('solver core purity', () => {
  const files = sources(root);

  it('has source files to scan', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports only its own modules', () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (!spec.startsWith('./') && !spec.startsWith('../')) bad.push(`${f}: ${spec}`);
        else if (forbidden.some((re) => re.test(spec))) bad.push(`${f}: ${spec}`);
      }
      if (/\bDate\.now\(|new Date\(|Math\.random\(/.test(text)) bad.push(`${f}: clock or unseeded randomness`);
      if (/\bprocess\./.test(text)) bad.push(`${f}: process`);
    }
    expect(bad).toEqual([]);
  });
});

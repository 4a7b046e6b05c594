#!/usr/bin/env node
/**
 * The copy-paste check (issue 12): jscpd over the code outside tests (.jscpd.json: blocks of 6 or more lines), failing
 * when more than MAX_CLONES duplicated blocks are found. Lists them either way. Run: npm run cpd
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAX_CLONES = 40;
const out = mkdtempSync(join(tmpdir(), 'zhifa-cpd-'));
try {
  execFileSync(
    'npx',
    [
      'jscpd',
      'server',
      'common',
      'web/src',
      'web/verify',
      'scripts',
      '--reporters',
      'json,console',
      '--output',
      out,
      '--silent',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const report = JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8'));
  const clones = report.duplicates ?? [];
  for (const c of clones)
    console.log(
      `${c.firstFile.name}:${c.firstFile.start}-${c.firstFile.end} ≈ ${c.secondFile.name}:${c.secondFile.start}-${c.secondFile.end} (${c.lines} lines)`,
    );
  console.log(`${clones.length} duplicated blocks outside tests (at most ${MAX_CLONES})`);
  if (clones.length > MAX_CLONES) process.exit(1);
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** axe-core (WCAG 2.1 A and AA rules) on a console or public page: the check every page's browser test runs. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  page: string;
  rule: string;
  impact: string;
  count: number;
  help: string;
  nodes: string[];
}

/** Every violation seen, per page name: printed in full when a page fails and summed up at the end. */
export const report = new Map<string, { critical: number; serious: number; moderate: number; minor: number }>();

/** Runs axe on the page as it is now; fails listing each critical or serious violation with its elements. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const findings: Finding[] = [];
  for (const v of results.violations) {
    const impact = v.impact ?? 'minor';
    counts[impact] += v.nodes.length;
    findings.push({
      count: v.nodes.length,
      page: name,
      rule: v.id,
      impact,
      help: v.help,
      nodes: v.nodes.slice(0, 8).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    });
  }
  report.set(name, counts);
  const blocking = findings.filter((f) => f.impact === 'critical' || f.impact === 'serious');
  if (blocking.length > 0) console.error(`axe on ${name}:\n${JSON.stringify(blocking, null, 2)}`);
  expect(
    blocking.map((f) => `${f.impact} ${f.rule} ×${f.count}`),
    name,
  ).toEqual([]);
}

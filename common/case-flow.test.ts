import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_FLOW, CASE_STATES, actionsFrom } from './case-flow.js';

describe('case flow table', () => {
  it('names only known states and leaves no live state without a way forward', () => {
    for (const a of CASE_ACTIONS) for (const s of CASE_FLOW[a].from) expect(CASE_STATES).toContain(s);
    const terminal = new Set(['archived']);
    for (const s of CASE_STATES) if (!terminal.has(s)) expect([s, actionsFrom(s).length > 0]).toEqual([s, true]);
    expect(actionsFrom('archived')).toEqual([]);
  });
  it('decides only after prior notice', () => {
    expect(CASE_FLOW.decide.from).not.toContain('reviewing');
    expect(CASE_FLOW.decide.from).not.toContain('investigating');
    expect(actionsFrom('registered')).toEqual([
      'file',
      'not_file',
      'transfer',
      'simplified_decide',
      'request_recusal',
      'decide_recusal',
    ]);
  });
});

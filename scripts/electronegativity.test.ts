import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { findingsFromCsv, judge, parseCsv } from './electronegativity.mjs';

interface Finding {
  check: string;
  severity: string;
  file: string;
}

const csv = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/electron/app.ts","81:16","const win = new BrowserWindow({","Review, please",https://x',
  'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/electron/other.ts","3:1","a ""quoted"", sample","Disable nodeIntegration",https://x',
  'AUXCLICK_JS_CHECK,"MEDIUM","FIRM","main/electron/app.ts","81:16",N/A,"Limit navigation",https://x',
].join('\n');

describe('electronegativity report', () => {
  it('parses quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('a, "b, c", "d ""e"""\n1,2,3')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  it('fails only on HIGH findings the allow-list does not explain', () => {
    const findings = findingsFromCsv(csv) as Finding[];
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/electron/app.ts'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'main/electron/other.ts'],
      ['AUXCLICK_JS_CHECK', 'MEDIUM', 'main/electron/app.ts'],
    ]);
    const allow = [{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/electron/app.ts', reason: 'factory' }];
    const verdict = judge(findings, allow) as Record<string, Finding[]>;
    expect(verdict.blocking.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(verdict.allowed.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(verdict.advisory.map((f) => f.check)).toEqual(['AUXCLICK_JS_CHECK']);
    // An entry without a reason explains nothing.
    const unexplained = judge(findings, [{ ...allow[0], reason: ' ' }]) as Record<string, Finding[]>;
    expect(unexplained.blocking).toHaveLength(2);
  });
});

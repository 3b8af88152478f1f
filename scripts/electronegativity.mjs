#!/usr/bin/env node
// Advisory scan of the Electron shell with @doyensec/electronegativity (issue 6, item 7).
// The tool always exits 0 and is no longer maintained, so this reads its CSV report instead:
// a HIGH finding fails the step unless scripts/electronegativity-allowlist.json lists it with a
// reason; everything else is printed as an advisory line. Our own tests (tests/electron,
// tests/security) are the real gate; this catches patterns they might not look for.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** RFC 4180-ish: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field.trim());
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Findings from the CSV report: {check, severity, confidence, file, location, description}. */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const at = (name) => header.findIndex((h) => h.toLowerCase() === name);
  const col = {
    check: at('issue'),
    severity: at('severity'),
    confidence: at('confidence'),
    file: at('filename'),
    location: at('location'),
    description: at('description'),
  };
  if (Object.values(col).some((i) => i < 0))
    throw new Error(`Unexpected electronegativity CSV header: ${header.join(', ')}`);
  return rows.map((r) => ({
    check: r[col.check],
    severity: (r[col.severity] ?? '').toUpperCase(),
    confidence: r[col.confidence],
    file: (r[col.file] ?? '').split(path.sep).join('/'),
    location: r[col.location],
    description: r[col.description],
  }));
}

/** Splits findings into blocking (HIGH, not allow-listed), allowed (HIGH, listed) and advisory (the rest). */
export function judge(findings, allowlist) {
  const listed = (f) => allowlist.some((a) => a.check === f.check && a.file === f.file && a.reason?.trim());
  const high = findings.filter((f) => f.severity === 'HIGH');
  return {
    blocking: high.filter((f) => !listed(f)),
    allowed: high.filter(listed),
    advisory: findings.filter((f) => f.severity !== 'HIGH'),
  };
}

function electronVersion() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const wanted = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  return /\d+\.\d+\.\d+/.exec(wanted)?.[0] ?? null;
}

function main() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'coffer-electronegativity-'));
  const report = path.join(scratch, 'report.csv');
  try {
    const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
    const version = electronVersion();
    const args = [
      '-i',
      path.join(root, 'src'),
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-o',
      report,
      '-r',
      '-v',
      'false',
    ];
    if (version) args.push('-e', version);
    const scan = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
    let text;
    try {
      text = readFileSync(report, 'utf8');
    } catch {
      console.error(
        `electronegativity wrote no report (exit ${scan.status}): ${scan.error?.message ?? scan.stderr}`,
      );
      return 1;
    }
    const allowlist = JSON.parse(
      readFileSync(path.join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8'),
    );
    const { blocking, allowed, advisory } = judge(findingsFromCsv(text), allowlist);
    const line = (f) => `${f.severity.padEnd(6)} ${f.check} src/${f.file}:${f.location} ${f.description}`;
    for (const f of advisory) console.log(`advisory: ${line(f)}`);
    for (const f of allowed) console.log(`reviewed: ${line(f)}`);
    for (const f of blocking) console.error(`BLOCKING: ${line(f)}`);
    console.log(
      `electronegativity: ${blocking.length} blocking, ${allowed.length} reviewed (allow-list), ${advisory.length} advisory`,
    );
    return blocking.length > 0 ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());

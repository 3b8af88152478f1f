/**
 * Is the Electron runtime installed? Answered from the `electron` package's files only: launching
 * it (or requiring the package, whose index.js does the same check) starts a download when the
 * binary is missing, which fails or hangs on machines without internet.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type ElectronRuntime = { present: true; binary: string } | { present: false; reason: string };

export function findElectronRuntime(
  projectRoot: string,
  platform: NodeJS.Platform = process.platform,
): ElectronRuntime {
  const pkg = path.join(projectRoot, 'node_modules', 'electron');
  const shown = (p: string) => path.relative(projectRoot, p).split(path.sep).join('/');
  if (!existsSync(path.join(pkg, 'package.json'))) {
    return { present: false, reason: `${shown(pkg)} is not installed` };
  }
  const dist = path.join(pkg, 'dist');
  if (!existsSync(dist)) return { present: false, reason: `${shown(dist)} is missing` };
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { present: false, reason: `${shown(pathFile)} is missing` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = path.resolve(dist, relative);
  if (relative === '' || !binary.startsWith(dist + path.sep)) {
    return { present: false, reason: `${shown(pathFile)} does not name a file in ${shown(dist)}` };
  }
  try {
    if (!statSync(binary).isFile()) throw new Error('not a file');
    if (platform !== 'win32') accessSync(binary, constants.X_OK);
  } catch {
    return { present: false, reason: `${shown(binary)} is missing or not executable` };
  }
  return { present: true, binary };
}

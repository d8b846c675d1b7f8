import fs from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { ValidationProblem } from '@portal/catalog-model';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];

/**
 * A template's skeleton (the folder beside its template.yaml, such as `content/`) holds files
 * that become valid only once rendered, so a folder walk passes over it.
 */
async function insideTemplateSkeleton(file: string, root: string): Promise<boolean> {
  let dir = path.dirname(file);
  while (dir.startsWith(root) && dir !== root) {
    const parent = path.dirname(dir);
    const exists = await fs.stat(path.join(parent, 'template.yaml')).then(
      () => true,
      () => false,
    );
    if (exists && path.join(parent, 'template.yaml') !== file) return true;
    dir = parent;
  }
  return false;
}

/**
 * Turns the command's arguments (files, folders, globs) into a sorted list of files. A folder
 * stands for every .yaml/.yml file under it; a named file is taken whatever its extension.
 * Files found only by walking a folder are listed in `foundInFolders`, so that YAML which is
 * plainly not a catalog file (mkdocs.yml, CI configs) can be passed over.
 */
export async function collectFiles(inputs: string[], cwd: string): Promise<{ files: string[]; foundInFolders: Set<string>; problems: ValidationProblem[] }> {
  const files = new Set<string>();
  const foundInFolders = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      const matches = await glob([input], { cwd, ignore: IGNORE, onlyFiles: true, dot: false });
      if (matches.length === 0) problems.push({ file: input, path: '', severity: 'error', message: 'the pattern matches no files' });
      for (const match of matches) {
        files.add(path.normalize(match));
        foundInFolders.delete(path.normalize(match));
      }
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(path.resolve(cwd, input));
    } catch {
      problems.push({ file: input, path: '', severity: 'error', message: 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) {
      const matches = await glob(['**/*.{yaml,yml}'], { cwd: path.resolve(cwd, input), ignore: IGNORE, onlyFiles: true });
      const root = path.resolve(cwd, input);
      for (const match of matches) {
        if (await insideTemplateSkeleton(path.join(root, match), root)) continue;
        const file = path.normalize(path.join(input, match));
        if (!files.has(file)) foundInFolders.add(file);
        files.add(file);
      }
    } else {
      files.add(path.normalize(input));
      foundInFolders.delete(path.normalize(input));
    }
  }
  return { files: [...files].sort(), foundInFolders, problems };
}

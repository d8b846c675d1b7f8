// Maps workspace package names to their TypeScript sources, for Vite and Vitest, so that tests
// and the app build read `src/` directly instead of the compiled `dist/`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function workspaceAliases() {
  const aliases = [];
  for (const group of ['packages', 'plugins']) {
    for (const dir of fs.readdirSync(path.join(root, group))) {
      const pkgFile = path.join(root, group, dir, 'package.json');
      if (!fs.existsSync(pkgFile)) continue;
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
      for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
        const dist = typeof target === 'string' ? target : target.default;
        const source = dist.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts');
        const find = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
        aliases.push({ find: new RegExp(`^${find.replace(/[/.]/g, '\\$&')}$`), replacement: path.join(root, group, dir, source) });
      }
    }
  }
  return aliases;
}

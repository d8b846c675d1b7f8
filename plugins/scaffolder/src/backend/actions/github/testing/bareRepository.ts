import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';

export interface TreeFile {
  mode: string;
  oid: string;
}

/** Every file of a tree, by its full path. */
export async function flattenTree(gitdir: string, treeOid: string, prefix = '', into = new Map<string, TreeFile>()): Promise<Map<string, TreeFile>> {
  const { tree } = await git.readTree({ fs, gitdir, oid: treeOid });
  for (const entry of tree) {
    const full = prefix ? `${prefix}/${entry.path}` : entry.path;
    if (entry.type === 'tree') await flattenTree(gitdir, entry.oid, full, into);
    else into.set(full, { mode: entry.mode, oid: entry.oid });
  }
  return into;
}

interface Folder {
  files: Map<string, TreeFile>;
  folders: Map<string, Folder>;
}

/** Writes files by full path as nested trees; returns the root tree. */
export async function writeNestedTree(gitdir: string, files: Map<string, TreeFile>): Promise<string> {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const [filePath, file] of files) {
    const parts = filePath.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: new Map(), folders: new Map() }));
      folder = next;
    }
    folder.files.set(parts.at(-1)!, file);
  }
  const write = async (folder: Folder): Promise<string> => {
    const entries: Array<{ mode: string; path: string; oid: string; type: 'blob' | 'tree' }> = [];
    for (const [name, file] of folder.files) entries.push({ mode: file.mode, path: name, oid: file.oid, type: 'blob' });
    for (const [name, sub] of folder.folders) entries.push({ mode: '040000', path: name, oid: await write(sub), type: 'tree' });
    return git.writeTree({ fs, gitdir, tree: entries });
  };
  return write(root);
}

/** Commits text files straight into a bare repository's branch, for a repository that already has history. */
export async function seedBranch(gitdir: string, branch: string, contents: Record<string, string>): Promise<string> {
  const files = new Map<string, TreeFile>();
  for (const [filePath, text] of Object.entries(contents))
    files.set(filePath, { mode: '100644', oid: await git.writeBlob({ fs, gitdir, blob: Buffer.from(text) }) });
  const tree = await writeNestedTree(gitdir, files);
  const who = { name: 'Seed', email: 'seed@example.test', timestamp: 1_700_000_000, timezoneOffset: 0 };
  const oid = await git.writeCommit({ fs, gitdir, commit: { message: 'Seed\n', tree, parent: [], author: who, committer: who } });
  await git.writeRef({ fs, gitdir, ref: `refs/heads/${branch}`, value: oid, force: true });
  return oid;
}

/** Clones a branch over smart HTTP and returns its files' text by path, as anyone cloning would see them. */
export async function cloneFiles(url: string, branch: string, token: string): Promise<Record<string, string>> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'github-clone-'));
  try {
    const authorization = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    await git.clone({ fs, http: nodeHttp, dir, url, ref: branch, singleBranch: true, depth: 1, headers: { authorization } });
    const out: Record<string, string> = {};
    for (const entry of await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (entry.isFile() && !relative.startsWith('.git/')) out[relative] = await fs.promises.readFile(full, 'utf8');
    }
    return out;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

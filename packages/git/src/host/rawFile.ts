import fs from 'node:fs';
import { NotFoundError } from '@portal/backend-common';
import type { Response } from 'express';
import git from 'isomorphic-git';
import { cleanRepoPath } from '../reader/treeReading.js';

async function resolveCommit(gitdir: string, ref: string): Promise<string> {
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`]) {
    const oid = await git.resolveRef({ fs, gitdir, ref: candidate }).catch(() => undefined);
    if (oid) return oid;
  }
  throw new NotFoundError(`No branch or tag named ${ref}`);
}

/**
 * Answers a web-style blob URL of the local host with the raw file, for "view source" links.
 * Served as plain text that browsers may not sniff or run, whatever the file contains.
 */
export async function serveRawFile(res: Response, gitdir: string, ref: string, filePath: string): Promise<void> {
  const commit = await resolveCommit(gitdir, ref);
  const filepath = cleanRepoPath(filePath);
  let blob: Uint8Array;
  try {
    ({ blob } = await git.readBlob({ fs, gitdir, oid: commit, filepath }));
  } catch (error) {
    throw new NotFoundError(`No file ${filepath} at ${ref}`, { cause: error });
  }
  const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const isText = !buffer.subarray(0, 8000).includes(0);
  res.setHeader('Content-Type', isText ? 'text/plain; charset=utf-8' : 'application/octet-stream');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.send(buffer);
}

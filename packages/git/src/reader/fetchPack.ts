import fs from 'node:fs';
import path from 'node:path';
import type { HttpClient } from 'isomorphic-git';
import { indexPack } from './packIndex.js';
import { GitRemoteError, type RemoteTarget } from './remote.js';

/**
 * Fetches a ref over git's smart HTTP protocol (version 0, which every host speaks) and indexes
 * the pack with Node's zlib and SHA-1 (see packIndex.ts), several times faster than
 * isomorphic-git's indexer.
 *
 * Without `have`, this is the first fetch into an empty cache: one commit, no history (`git
 * clone --depth 1`), and the `shallow` file records where the cache stops. With `have`, a commit
 * the cache holds, the host sends only what the new commit adds to it (a push's few files and the
 * folders on their paths); the request names the cache's shallow commits, so the host never counts
 * on history the cache lacks.
 *
 * Returns the id the ref pointed at and the fetched trees of at least `keepTreesOf` bytes, or
 * undefined when the host lacks a capability this needs (the caller then fetches with
 * isomorphic-git).
 */
export async function fetchPack(options: {
  gitdir: string;
  target: RemoteTarget;
  ref: string;
  http: HttpClient;
  have?: string;
  keepTreesOf?: number;
}): Promise<{ commit: string; trees: Map<string, Buffer> } | undefined> {
  const { gitdir, target, ref, http, have } = options;
  const base = target.url.replace(/\/+$/, '');
  const advertised = await exchange(http, { url: `${base}/info/refs?service=git-upload-pack`, method: 'GET', headers: { ...target.headers } });
  const { refs, capabilities } = parseAdvertisement(advertised);
  const oid = refs.get(ref);
  if (!oid) return undefined;
  const sideband = capabilities.has('side-band-64k') ? 'side-band-64k' : capabilities.has('side-band') ? 'side-band' : undefined;
  if (!sideband || !capabilities.has('shallow')) return undefined;
  if (oid === have) return { commit: oid, trees: new Map() };
  const wanted = [sideband, 'shallow', ...['ofs-delta', 'no-progress'].filter(c => capabilities.has(c)), 'agent=portal'];
  const lines = [pktLine(`want ${oid} ${wanted.join(' ')}\n`)];
  if (have) {
    for (const commit of await readShallowFile(gitdir)) lines.push(pktLine(`shallow ${commit}\n`));
    lines.push(FLUSH, pktLine(`have ${have}\n`), pktLine('done\n'));
  } else {
    lines.push(pktLine('deepen 1\n'), FLUSH, pktLine('done\n'));
  }
  const response = await exchange(http, {
    url: `${base}/git-upload-pack`,
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/x-git-upload-pack-request', accept: 'application/x-git-upload-pack-result' },
    body: [Buffer.concat(lines)],
  });
  const { shallow, unshallow, pack } = parseUploadPackResult(response);
  const indexed = indexPack(pack, { keepTreesOf: options.keepTreesOf });
  const packDir = path.join(gitdir, 'objects', 'pack');
  await fs.promises.mkdir(packDir, { recursive: true });
  // The pack before its index: readers find packs through their index files.
  await fs.promises.writeFile(path.join(packDir, `pack-${indexed.checksum}.pack`), pack);
  await fs.promises.writeFile(path.join(packDir, `pack-${indexed.checksum}.idx`), indexed.idx);
  await updateShallowFile(gitdir, shallow, unshallow);
  return { commit: oid, trees: indexed.trees };
}

const FLUSH = Buffer.from('0000');

function pktLine(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

/** Splits pkt-lines; a flush packet is `null`. */
function* pktLines(data: Buffer): Generator<Buffer | null> {
  let pos = 0;
  while (pos < data.length) {
    const length = parseInt(data.toString('latin1', pos, pos + 4), 16);
    if (Number.isNaN(length) || (length > 0 && length < 4) || pos + Math.max(length, 4) > data.length) {
      throw new GitRemoteError('The git host sent a malformed response');
    }
    yield length === 0 ? null : data.subarray(pos + 4, pos + length);
    pos += Math.max(length, 4);
  }
}

async function exchange(
  http: HttpClient,
  request: { url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: Uint8Array[] },
): Promise<Buffer> {
  const response = await http.request(request as Parameters<HttpClient['request']>[0]);
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body ?? []) chunks.push(chunk);
  if (response.statusCode !== 200) {
    // The shape isomorphic-git gives HTTP failures, so they are reported the same way.
    throw Object.assign(new Error(`HTTP Error: ${response.statusCode} ${response.statusMessage}`), {
      code: 'HttpError',
      data: { statusCode: response.statusCode, statusMessage: response.statusMessage },
    });
  }
  return Buffer.concat(chunks);
}

function parseAdvertisement(data: Buffer): { refs: Map<string, string>; capabilities: Set<string> } {
  const refs = new Map<string, string>();
  let capabilities = new Set<string>();
  for (const line of pktLines(data)) {
    if (!line) continue;
    const text = line.toString('utf8').replace(/\n$/, '');
    if (text.startsWith('#') || text.startsWith('version ')) continue;
    if (text.startsWith('ERR ')) throw new GitRemoteError(`The git host refused the request: ${text.slice(4)}`);
    const [refPart, caps] = text.split('\0');
    if (caps !== undefined) capabilities = new Set(caps.split(' ').filter(Boolean));
    const [oid, name] = refPart!.split(' ');
    if (oid && name && /^[0-9a-f]{40}$/.test(oid)) refs.set(name, oid);
  }
  return { refs, capabilities };
}

function parseUploadPackResult(data: Buffer): { shallow: string[]; unshallow: string[]; pack: Buffer } {
  const shallow: string[] = [];
  const unshallow: string[] = [];
  const pack: Buffer[] = [];
  // The shallow update ends with a flush; then NAK, then the side-band packets of the pack.
  let inShallowUpdate = true;
  for (const line of pktLines(data)) {
    if (!line) {
      inShallowUpdate = false;
      continue;
    }
    if (inShallowUpdate || pack.length === 0) {
      const text = line.toString('latin1');
      if (text.startsWith('ERR ')) throw new GitRemoteError(`The git host refused the fetch: ${text.slice(4).trim()}`);
      if (inShallowUpdate && text.startsWith('shallow ')) {
        shallow.push(text.slice(8, 48));
        continue;
      }
      if (inShallowUpdate && text.startsWith('unshallow ')) {
        unshallow.push(text.slice(10, 50));
        continue;
      }
      if (text.startsWith('NAK') || text.startsWith('ACK ')) {
        inShallowUpdate = false;
        continue;
      }
    }
    const band = line[0];
    if (band === 1) pack.push(line.subarray(1));
    else if (band === 3) throw new GitRemoteError(`The git host failed to send the repository: ${line.subarray(1).toString('utf8').trim()}`);
    else if (band !== 2) throw new GitRemoteError('The git host sent a malformed response');
  }
  if (pack.length === 0) throw new GitRemoteError('The git host sent no objects');
  return { shallow, unshallow, pack: Buffer.concat(pack) };
}

/** The commits whose parents the cache lacks, as git and isomorphic-git keep them. */
async function readShallowFile(gitdir: string): Promise<string[]> {
  const existing = await fs.promises.readFile(path.join(gitdir, 'shallow'), 'utf8').catch(() => '');
  return existing.split('\n').filter(line => /^[0-9a-f]{40}$/.test(line));
}

async function updateShallowFile(gitdir: string, shallow: string[], unshallow: string[]): Promise<void> {
  if (shallow.length === 0 && unshallow.length === 0) return;
  const file = path.join(gitdir, 'shallow');
  const ids = new Set(await readShallowFile(gitdir));
  for (const oid of shallow) ids.add(oid);
  for (const oid of unshallow) ids.delete(oid);
  if (ids.size === 0) await fs.promises.rm(file, { force: true });
  else await fs.promises.writeFile(file, `${[...ids].join('\n')}\n`);
}

import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

const TYPE_NAMES = ['', 'commit', 'tree', 'blob', 'tag'] as const;
/** No object of a repository the portal reads is this large; a pack claiming one is refused. */
const MAX_OBJECT_BYTES = 256 * 1024 * 1024;
const TREE = 2;
const OFS_DELTA = 6;
const REF_DELTA = 7;

interface PackEntry {
  offset: number;
  type: number;
  /** Where the object's compressed contents start, to inflate them again when needed. */
  dataStart: number;
  crc: number;
  baseOffset?: number;
  baseOid?: string;
  oid?: string;
}

export interface IndexedPack {
  /** The version 2 `.idx` file for the pack. */
  idx: Buffer;
  /** The pack's own checksum, hex: its file names are pack-<checksum>.pack and .idx. */
  checksum: string;
  objectCount: number;
  /** Trees of at least `keepTreesOf` bytes, by id, as stored (see IndexPackOptions). */
  trees: Map<string, Buffer>;
}

export interface IndexPackOptions {
  /**
   * Keep the contents of trees this large: the pack is inflated to be indexed anyway, and the
   * reader's next diff would otherwise inflate its widest folders again.
   */
  keepTreesOf?: number;
}

/**
 * Builds the index git keeps beside a pack (`git index-pack`'s version 2 format): every object's
 * id, offset and CRC-32. Objects are inflated with Node's zlib and hashed with its SHA-1. Like
 * git, deltas are resolved from each base down through the deltas built on it, so only one chain's
 * contents are held at a time; bases must be in the same pack (a fetch that does not ask for a
 * thin pack gets one).
 */
export function indexPack(pack: Buffer, options: IndexPackOptions = {}): IndexedPack {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw new Error('not a git pack');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new Error(`unsupported pack version ${version}`);
  const count = pack.readUInt32BE(8);
  const end = pack.length - 20;
  const checksum = pack.subarray(end).toString('hex');
  if (createHash('sha1').update(pack.subarray(0, end)).digest('hex') !== checksum) {
    throw new Error('the pack does not match its checksum');
  }
  const inflateAt = (start: number) =>
    zlib.inflateSync(pack.subarray(start, end), { info: true, maxOutputLength: MAX_OBJECT_BYTES }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
  const hash = (type: number, data: Buffer) => createHash('sha1').update(`${TYPE_NAMES[type]} ${data.length}\0`).update(data).digest('hex');
  const trees = new Map<string, Buffer>();
  const keep = (type: number, oid: string, data: Buffer) => {
    if (type === TREE && options.keepTreesOf !== undefined && data.length >= options.keepTreesOf) trees.set(oid, data);
  };

  // First pass: where each object starts and ends (inflating is the only way to find its end),
  // the ids of whole objects, and which deltas build on which base.
  const entries: PackEntry[] = [];
  const offsets = new Set<number>();
  const deltasOnOffset = new Map<number, PackEntry[]>();
  const deltasOnOid = new Map<string, PackEntry[]>();
  let pos = 12;
  for (let i = 0; i < count; i++) {
    const offset = pos;
    if (pos >= end) throw new Error('the pack ends before its last object');
    let byte = pack[pos++]!;
    const type = (byte >> 4) & 7;
    while (byte & 0x80) byte = pack[pos++]!; // the size is the inflated size, which inflating tells
    const entry: PackEntry = { offset, type, dataStart: 0, crc: 0 };
    if (type === OFS_DELTA) {
      byte = pack[pos++]!;
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        byte = pack[pos++]!;
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      entry.baseOffset = offset - distance;
      if (!offsets.has(entry.baseOffset)) throw new Error(`a delta at ${offset} names no object of the pack as its base`);
      push(deltasOnOffset, entry.baseOffset, entry);
    } else if (type === REF_DELTA) {
      entry.baseOid = pack.toString('hex', pos, pos + 20);
      pos += 20;
      push(deltasOnOid, entry.baseOid, entry);
    } else if (!TYPE_NAMES[type]) {
      throw new Error(`unknown object type ${type} at ${offset}`);
    }
    entry.dataStart = pos;
    const inflated = inflateAt(pos);
    if (type < OFS_DELTA) {
      entry.oid = hash(type, inflated.buffer);
      keep(type, entry.oid, inflated.buffer);
    }
    pos += inflated.engine.bytesWritten;
    entry.crc = zlib.crc32(pack.subarray(offset, pos));
    entries.push(entry);
    offsets.add(offset);
  }
  if (pos !== end) throw new Error('the pack has data after its last object');

  // Second pass: each whole object with deltas on it is inflated again and its deltas applied,
  // depth first; a delta's own deltas follow it.
  const resolveDeltasOn = (base: PackEntry, type: number, contents: Buffer) => {
    const deltas = [...(deltasOnOffset.get(base.offset) ?? []), ...(deltasOnOid.get(base.oid!) ?? [])];
    for (const delta of deltas) {
      if (delta.oid !== undefined) continue;
      const result = applyDelta(contents, inflateAt(delta.dataStart).buffer);
      delta.oid = hash(type, result);
      keep(type, delta.oid, result);
      resolveDeltasOn(delta, type, result);
    }
  };
  for (const entry of entries) {
    if (entry.type >= OFS_DELTA) continue;
    if (!deltasOnOffset.has(entry.offset) && !deltasOnOid.has(entry.oid!)) continue;
    resolveDeltasOn(entry, entry.type, inflateAt(entry.dataStart).buffer);
  }
  const unresolved = entries.find(entry => entry.oid === undefined);
  if (unresolved) throw new Error(`the base of a delta at ${unresolved.offset} is not in the pack`);

  return { idx: writeIndex(entries, pack.subarray(end)), checksum, objectCount: count, trees };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Applies git's delta format: source and target sizes, then copy and insert instructions. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let pos = 0;
  const varint = () => {
    let value = 0;
    let multiplier = 1;
    let byte;
    do {
      byte = delta[pos++]!;
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
    } while (byte & 0x80);
    return value;
  };
  const sourceSize = varint();
  if (sourceSize !== base.length) throw new Error(`a delta expects a base of ${sourceSize} bytes, not ${base.length}`);
  const targetSize = varint();
  if (targetSize > MAX_OBJECT_BYTES) throw new Error(`a delta builds an object of ${targetSize} bytes`);
  const target = Buffer.allocUnsafe(targetSize);
  let out = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      let copyOffset = 0;
      let copySize = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) copyOffset += delta[pos++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (16 << bit)) copySize += delta[pos++]! * 2 ** (8 * bit);
      if (copySize === 0) copySize = 0x10000;
      if (copyOffset + copySize > base.length || out + copySize > target.length) throw new Error('a delta copies outside its base');
      base.copy(target, out, copyOffset, copyOffset + copySize);
      out += copySize;
    } else if (op > 0) {
      if (out + op > target.length || pos + op > delta.length) throw new Error('a delta inserts past its end');
      delta.copy(target, out, pos, pos + op);
      pos += op;
      out += op;
    } else {
      throw new Error('a delta holds a reserved instruction');
    }
  }
  if (out !== target.length) throw new Error('a delta ends before its target is complete');
  return target;
}

function writeIndex(entries: PackEntry[], packChecksum: Buffer): Buffer {
  const sorted = [...entries].sort((a, b) => (a.oid! < b.oid! ? -1 : a.oid! > b.oid! ? 1 : 0));
  const n = sorted.length;
  const large = sorted.filter(e => e.offset >= 0x80000000);
  const size = 8 + 256 * 4 + n * 28 + large.length * 8 + 40;
  const idx = Buffer.alloc(size);
  idx.writeUInt32BE(0xff744f63, 0);
  idx.writeUInt32BE(2, 4);
  const fanout = new Uint32Array(256);
  for (const entry of sorted) fanout[parseInt(entry.oid!.slice(0, 2), 16)]!++;
  let total = 0;
  for (let i = 0; i < 256; i++) {
    total += fanout[i]!;
    idx.writeUInt32BE(total, 8 + i * 4);
  }
  let pos = 8 + 1024;
  for (const entry of sorted) pos += idx.write(entry.oid!, pos, 'hex');
  for (const entry of sorted) pos = idx.writeUInt32BE(entry.crc, pos);
  let largeIndex = 0;
  for (const entry of sorted) {
    pos = idx.writeUInt32BE(entry.offset >= 0x80000000 ? (0x80000000 | largeIndex++) >>> 0 : entry.offset, pos);
  }
  for (const entry of large) {
    pos = idx.writeUInt32BE(Math.floor(entry.offset / 2 ** 32), pos);
    pos = idx.writeUInt32BE(entry.offset % 2 ** 32, pos);
  }
  pos += packChecksum.copy(idx, pos);
  createHash('sha1').update(idx.subarray(0, pos)).digest().copy(idx, pos);
  return idx;
}

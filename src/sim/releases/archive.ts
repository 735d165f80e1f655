import zlib from 'node:zlib'

/**
 * Byte-exact, deterministic archive writers for flysim's release assets:
 * ustar tarballs, gzip and stored ZIPs. No npm packages are allowed in the
 * simulator ring, and determinism matters more than features here: the same
 * inputs must give the same bytes, so checksums.txt is stable for a script.
 */

/** ArchiveEntry is one regular file to put in an archive. */
export interface ArchiveEntry {
  /** Path inside the archive, forward slashes, at most 100 bytes. */
  name: string
  data: Buffer
  /** Unix permission bits, e.g. 0o755 for an executable. */
  mode: number
}

/**
 * FIXED_MTIME is the modification time (unix s) stamped on every entry
 * [sim choice]: 2025-01-01T00:00:00Z, so rebuilding an asset never changes
 * its hash.
 */
export const FIXED_MTIME = 1_735_689_600

const BLOCK = 512

/**
 * tarball returns a POSIX ustar archive of `entries`: one 512-byte header per
 * file, the data padded to 512 bytes, then two zero blocks. Owner and group
 * are 0 (`root`), as goreleaser writes them.
 */
export function tarball(entries: readonly ArchiveEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    parts.push(tarHeader(e))
    parts.push(e.data)
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(parts)
}

function tarHeader(e: ArchiveEntry): Buffer {
  const h = Buffer.alloc(BLOCK)
  const name = Buffer.from(e.name, 'utf8')
  if (name.length > 100) throw new Error(`tar entry name too long: ${e.name}`)
  name.copy(h, 0)
  octal(h, 100, 8, e.mode & 0o7777)
  octal(h, 108, 8, 0) // uid
  octal(h, 116, 8, 0) // gid
  octal(h, 124, 12, e.data.length)
  octal(h, 136, 12, FIXED_MTIME)
  h.fill(0x20, 148, 156) // checksum is computed with its own field as spaces
  h.write('0', 156, 'latin1') // typeflag: regular file
  h.write('ustar\0', 257, 'latin1')
  h.write('00', 263, 'latin1')
  h.write('root', 265, 'latin1')
  h.write('root', 297, 'latin1')
  let sum = 0
  for (const b of h) sum += b
  // Six octal digits, NUL, space: the form GNU and Go tar both write.
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
  return h
}

/** octal writes n as zero-padded octal digits plus a NUL into a field. */
function octal(h: Buffer, offset: number, width: number, n: number): void {
  h.write(n.toString(8).padStart(width - 1, '0') + '\0', offset, 'latin1')
}

/**
 * gzip compresses deterministically: zlib leaves MTIME at 0, and the OS byte
 * is pinned to 3 (Unix) so the bytes do not depend on the host platform.
 */
export function gzip(data: Buffer): Buffer {
  const out = zlib.gzipSync(data, { level: 9 })
  out[9] = 3
  return out
}

/**
 * zip returns a ZIP archive of `entries`, each stored uncompressed (method
 * 0) with a CRC-32, a fixed DOS timestamp and Unix permission bits in the
 * external attributes.
 */
export function zip(entries: readonly ArchiveEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  const { time, date } = dosTime(FIXED_MTIME)
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const crc = crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(10, 4) // version needed: 1.0, stored
    local.writeUInt16LE(0x0800, 6) // flags: UTF-8 names
    local.writeUInt16LE(0, 8) // method: stored
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, e.data)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by: Unix, 2.0
    central.writeUInt16LE(10, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk start, internal attributes: all 0
    central.writeUInt32LE(((0o100000 | (e.mode & 0o7777)) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)

    offset += local.length + name.length + e.data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** dosTime converts unix seconds (UTC) to the MS-DOS time and date fields. */
function dosTime(unixS: number): { time: number; date: number } {
  const d = new Date(unixS * 1000)
  return {
    time:
      (d.getUTCHours() << 11) |
      (d.getUTCMinutes() << 5) |
      Math.floor(d.getUTCSeconds() / 2),
    date:
      ((d.getUTCFullYear() - 1980) << 9) |
      ((d.getUTCMonth() + 1) << 5) |
      d.getUTCDate()
  }
}

/**
 * crc32 returns the IEEE CRC-32 of data: `zlib.crc32` where Node has it
 * (20.15+), else crc32Portable.
 *
 *   crc32("")          → 0x00000000
 *   crc32("123456789") → 0xcbf43926
 */
export function crc32(data: Buffer): number {
  const native = (zlib as { crc32?: (d: Buffer) => number }).crc32
  if (typeof native === 'function') return native(data) >>> 0
  return crc32Portable(data)
}

let table: Uint32Array | undefined

/** crc32Portable is the table-driven CRC-32 used where zlib has none. */
export function crc32Portable(data: Buffer): number {
  if (!table) {
    table = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (const b of data) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/**
 * Seeded randomness for flysim. Every random choice (ids, latency, errors,
 * flaky checks, load balancing) comes from one of these, so a seed replays a
 * world.
 */
export interface Rng {
  /** next returns a float in [0, 1). */
  next(): number
  /** int returns an integer in [0, n). */
  int(n: number): number
  /** hex returns n lowercase hex characters. */
  hex(n: number): string
  /** ulid returns a 26-character ULID for the given time in ms. */
  ulid(timeMs: number): string
  /** normal returns a standard normal deviate. */
  normal(): number
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** createRng returns a sfc32 generator seeded from `seed`. */
export function createRng(seed: number): Rng {
  // sfc32 seeded through splitmix32, as recommended for small seeds.
  let s = seed >>> 0
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = split()
  let b = split()
  let c = split()
  let d = split()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()

  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    hex(n) {
      let out = ''
      for (let i = 0; i < n; i++) out += rng.int(16).toString(16)
      return out
    },
    ulid(timeMs) {
      let time = Math.max(0, Math.floor(timeMs))
      let head = ''
      for (let i = 0; i < 10; i++) {
        head = CROCKFORD[time % 32] + head
        time = Math.floor(time / 32)
      }
      let tail = ''
      for (let i = 0; i < 16; i++) tail += CROCKFORD[rng.int(32)]
      return head + tail
    },
    normal() {
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    }
  }
  return rng
}

import { randomBytes } from 'node:crypto'
import type { Clock, Logger } from '../../orchestrator/ports.js'

/** The longest delay one timer takes: Node fires a longer one after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** createNodeClock is the real clock: wall time and timers (any length: a 30-day bake is 30 days). */
export function createNodeClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        let t: ReturnType<typeof setTimeout>
        const arm = (left: number) => {
          t = setTimeout(
            () => {
              if (left > MAX_TIMER_MS) return arm(left - MAX_TIMER_MS)
              signal?.removeEventListener('abort', onAbort)
              resolve()
            },
            Math.min(left, MAX_TIMER_MS)
          )
        }
        const onAbort = () => {
          clearTimeout(t)
          reject(signal!.reason)
        }
        arm(Math.max(0, ms))
        signal?.addEventListener('abort', onAbort, { once: true })
      })
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** newUlid returns a ULID: 48 bits of time, 80 random bits, sortable by time. */
export function newUlid(now: number = Date.now()): string {
  let t = now
  let head = ''
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32] + head
    t = Math.floor(t / 32)
  }
  const bytes = randomBytes(16)
  let tail = ''
  for (let i = 0; i < 16; i++) tail += CROCKFORD[bytes[i]! % 32]
  return head + tail
}

/** createStreamLogger logs to a write function; debug lines only when `debug`. */
export function createStreamLogger(
  write: (line: string) => void,
  debug = false
): Logger {
  return {
    info: (m) => write(m),
    warn: (m) => write(`warning: ${m}`),
    debug: (m) => {
      if (debug) write(`debug: ${m}`)
    }
  }
}

/** nullLogger drops everything (HOUSE-STYLE: the logger is injected). */
export const nullLogger: Logger = {
  info: () => {},
  warn: () => {},
  debug: () => {}
}

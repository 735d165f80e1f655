/**
 * The virtual clock every part of flysim runs on: machine boots, check
 * intervals, lease expiry, `/wait` timeouts, rate-limit buckets and latency.
 *
 * Virtual time flows at `scale` × real time (1 = real time, 100 = a 2-minute
 * bake in 1.2 s, 0 = frozen) and can be pushed forward with `advance()`, which
 * fires every timer due on the way, in order, awaiting each one. Sharing one
 * clock with a test or an orchestrator (`startSim({ clock })`) keeps them in
 * the same time.
 */
export interface SimClock {
  /** now returns the virtual time in milliseconds since the Unix epoch. */
  now(): number
  /** scale is how many virtual milliseconds pass per real millisecond. */
  readonly scale: number
  /** setTimer runs fn once the virtual time reaches now() + ms; returns a cancel function. */
  setTimer(ms: number, fn: () => unknown): () => void
  /** sleep resolves after ms of virtual time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** advance moves virtual time forward by ms, running (and awaiting) each due timer in order. */
  advance(ms: number): Promise<void>
  /** pendingTimers counts the timers not yet fired. */
  pendingTimers(): number
  /** dispose cancels the real timer that drives the clock, so a process can exit. */
  dispose(): void
}

interface Timer {
  due: number
  seq: number
  fn: () => unknown
  cancelled: boolean
}

/** createSimClock returns a clock starting at `start` (default: the real time). */
export function createSimClock(
  options: { scale?: number; start?: number } = {}
): SimClock {
  const scale = options.scale ?? 1
  if (!(scale >= 0) || !Number.isFinite(scale)) {
    throw new Error(`clock scale must be a finite number >= 0, got ${scale}`)
  }
  const realStart = performance.now()
  const virtualStart = options.start ?? Date.now()
  let offset = 0
  let seq = 0
  const heap: Timer[] = []
  let armed: NodeJS.Timeout | undefined
  let armedFor = Infinity
  let advancing = false

  const now = (): number =>
    Math.floor(virtualStart + offset + (performance.now() - realStart) * scale)

  const push = (t: Timer): void => {
    heap.push(t)
    let i = heap.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (less(heap[p]!, heap[i]!)) break
      ;[heap[p], heap[i]] = [heap[i]!, heap[p]!]
      i = p
    }
  }
  const pop = (): Timer | undefined => {
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        ;[heap[m], heap[i]] = [heap[i]!, heap[m]!]
        i = m
      }
    }
    return top
  }
  const peek = (): Timer | undefined => {
    while (heap.length > 0 && heap[0]!.cancelled) pop()
    return heap[0]
  }

  const runDue = (): void => {
    armed = undefined
    armedFor = Infinity
    if (advancing) return
    const t = now()
    for (let next = peek(); next && next.due <= t; next = peek()) {
      pop()
      run(next)
    }
    arm()
  }

  const arm = (): void => {
    const next = peek()
    if (!next || scale === 0 || advancing) return
    if (armed && armedFor <= next.due) return
    if (armed) clearTimeout(armed)
    const delay = Math.max(0, (next.due - now()) / scale)
    armedFor = next.due
    armed = setTimeout(runDue, Math.min(delay, 2 ** 31 - 1))
    armed.unref?.()
  }

  const run = (t: Timer): unknown => {
    try {
      const r = t.fn()
      if (r && typeof (r as Promise<unknown>).then === 'function') {
        return (r as Promise<unknown>).catch(() => undefined)
      }
    } catch {
      // A timer's failure is its owner's business; the clock keeps going.
    }
    return undefined
  }

  const clock: SimClock = {
    now,
    scale,
    setTimer(ms, fn) {
      const t: Timer = {
        due: now() + Math.max(0, ms),
        seq: seq++,
        fn,
        cancelled: false
      }
      push(t)
      arm()
      return () => {
        t.cancelled = true
      }
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason)
          return
        }
        const onAbort = (): void => {
          cancel()
          reject(signal!.reason)
        }
        const cancel = clock.setTimer(ms, () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        })
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    },
    async advance(ms) {
      if (advancing) throw new Error('clock.advance() is already running')
      advancing = true
      if (armed) clearTimeout(armed)
      armed = undefined
      armedFor = Infinity
      const target = now() + ms
      try {
        for (let next = peek(); next && next.due <= target; next = peek()) {
          pop()
          // Jump to the timer's due time so it sees the time it asked for.
          offset += Math.max(0, next.due - now())
          await run(next)
          // Let I/O callbacks and promise chains settle between timers.
          await new Promise((r) => setImmediate(r))
        }
        offset += Math.max(0, target - now())
      } finally {
        advancing = false
        arm()
      }
    },
    pendingTimers() {
      return heap.filter((t) => !t.cancelled).length
    },
    dispose() {
      if (armed) clearTimeout(armed)
      armed = undefined
      armedFor = Infinity
      heap.length = 0
    }
  }
  return clock
}

function less(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq)
}

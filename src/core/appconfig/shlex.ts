/**
 * ShlexResult is the outcome of {@link shlexSplit}: the words, or the reason
 * the text cannot be split.
 */
export type ShlexResult =
  { ok: true; words: string[] } | { ok: false; error: string }

/**
 * shlexSplit splits a command line into words the way flyctl does
 * (github.com/google/shlex, used for `[processes]`, `release_command` and
 * `console_command`): whitespace separates words; single quotes are literal;
 * inside double quotes a backslash escapes any character; outside quotes a
 * backslash escapes the next character; `#` at the start of a word begins a
 * comment that runs to the end of the line. An unclosed quote or a trailing
 * backslash is an error, as in Go.
 *
 *   `bundle exec rails s`      → ["bundle", "exec", "rails", "s"]
 *   `sh -c "echo 'hi there'"`  → ["sh", "-c", "echo 'hi there'"]
 *   `a\ b c`                   → ["a b", "c"]
 *   `run # comment`            → ["run"]
 *   `""`                       → [""]
 *   `bash "unclosed`           → error: EOF found when expecting closing quote
 */
export function shlexSplit(text: string): ShlexResult {
  const words: string[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    // start state: skip blanks, maybe a comment
    const c = text[i]!
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++
      continue
    }
    let word = ''
    let state: 'word' | 'single' | 'double' = 'word'
    let done = false
    while (!done) {
      if (i >= n) {
        if (state !== 'word') {
          return { ok: false, error: 'EOF found when expecting closing quote' }
        }
        break
      }
      const ch = text[i]!
      if (state === 'word') {
        if (isSpace(ch)) {
          done = true
        } else if (ch === '"') {
          state = 'double'
        } else if (ch === "'") {
          state = 'single'
        } else if (ch === '\\') {
          i++
          if (i >= n) {
            return { ok: false, error: 'EOF found after escape character' }
          }
          word += text[i]
        } else {
          word += ch
        }
      } else if (state === 'single') {
        if (ch === "'") state = 'word'
        else word += ch
      } else if (ch === '"') {
        state = 'word'
      } else if (ch === '\\') {
        i++
        if (i >= n) {
          return { ok: false, error: 'EOF found after escape character' }
        }
        word += text[i]
      } else {
        word += ch
      }
      i++
    }
    words.push(word)
  }
  return { ok: true, words }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n'
}

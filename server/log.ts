/**
 * Structured logs: one JSON object per line on stdout, for operators and for tests that read
 * the relay's output. Fields are primitives only, so bytes (blobs, updates, tokens, presence)
 * cannot end up in a log line by accident: nothing here ever logs content.
 *
 * Logging never throws and never fails the relay: when whoever reads stdout goes away (EPIPE,
 * a closed pipe), the relay goes on without logs. It used to throw, the uncaught-exception
 * handler logged that, which threw again: a loop at 100 % CPU that ignored SIGTERM.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Record<string, string | number | boolean | null | undefined>

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function levelFromEnv(): LogLevel {
  const wanted = process.env.LOG_LEVEL
  return wanted === 'debug' || wanted === 'info' || wanted === 'warn' || wanted === 'error' ? wanted : 'info'
}

let threshold = ORDER[levelFromEnv()]
/** set once stdout failed: nobody reads the log any more, and writing again would only fail again */
let stdoutGone = false

// a write to a closed pipe reports EPIPE as an 'error' event; without a listener it would be an
// uncaught exception, which is logged, which writes again
process.stdout.on('error', () => {
  stdoutGone = true
})

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level]
}

/** false once stdout is gone (tests, and the uncaught handler, which then stays quiet) */
export function isLogging(): boolean {
  return !stdoutGone && !process.stdout.destroyed && process.stdout.writable
}

export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  if (ORDER[level] < threshold || !isLogging()) return
  try {
    // writes to a pipe or file are synchronous on Linux, so the last lines before exit are kept
    process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields })}\n`)
  } catch {
    stdoutGone = true
  }
}

/** An error's class and message, never its data: messages from our own code carry no content. */
export function describeError(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, message: err.message.slice(0, 200) }
  return { error: typeof err }
}

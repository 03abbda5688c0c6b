/**
 * Structured logs: one JSON object per line on stdout, for operators and for tests that read
 * the relay's output. Fields are primitives only, so bytes (blobs, updates, tokens, presence)
 * cannot end up in a log line by accident: nothing here ever logs content.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Record<string, string | number | boolean | null | undefined>

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function levelFromEnv(): LogLevel {
  const wanted = process.env.LOG_LEVEL
  return wanted === 'debug' || wanted === 'info' || wanted === 'warn' || wanted === 'error' ? wanted : 'info'
}

let threshold = ORDER[levelFromEnv()]

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level]
}

export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  if (ORDER[level] < threshold) return
  // writes to a pipe or file are synchronous on Linux, so the last lines before exit are kept
  process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields })}\n`)
}

/** An error's class and message, never its data: messages from our own code carry no content. */
export function describeError(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, message: err.message.slice(0, 200) }
  return { error: typeof err }
}

/**
 * One admitted WebSocket: limits first (size, rate), then the y-protocols dispatcher. Every
 * message runs in its room's queue; a refused update or a malformed message sends an error and
 * closes the socket with a final 44xx code. Nothing a peer sends can throw past this file.
 */
import type WebSocket from 'ws'
import { CLOSE, encodeError } from '../src/sync/protocol'
import type { RuleViolation } from '../src/sync/rules'
import { describeError, log } from './log'
import { parseClientMessage } from './messages'
import type { AdmittedAs, Peer } from './peer'
import { ByteBudget, TokenBucket } from './rateLimit'
import type { Room } from './room'

/** with a ping per keepalive tick (10 s), a peer silent for half a minute is dropped */
const MAX_UNANSWERED_PINGS = 3
/**
 * Unsent bytes one connection may have waiting on the relay, in messages of at most
 * `maxMessageBytes`: an honest client reads, so at most its one full step 2 and an update
 * forwarded meanwhile wait for it. A client that stops reading is closed here instead of the
 * relay holding whatever it asks for (100 step 1 on a 4 MiB plan, never read, held 448 MB).
 */
const MAX_UNSENT_MESSAGES = 2
/**
 * Answers (step 2, awareness) one connection may get at once, in full-size messages: an honest
 * client asks once per connect. Below MAX_UNSENT_MESSAGES, so a client that reads is told
 * `rate-limited` (with MESSAGE_ERROR) before its unsent answers could reach that bound.
 */
const ANSWER_BURST_MESSAGES = 1
/**
 * Answer bytes per second a connection earns back after its burst: a full-size plan again every
 * minute. Only a client that asks for the whole plan again and again ever waits for this.
 */
const ANSWER_REFILL_S = 60
/**
 * A refused socket is cut this long after its 44xx close frame went out, without waiting for
 * its answer: time enough for the frame (and the MESSAGE_ERROR before it) to arrive, too short
 * to hold anything; what it still sends meanwhile is dropped. Never kept half-open.
 */
const REFUSED_LINGER_MS = 1_000
/** the relay's codes that say "this plan or this key has stored enough": 4413, like a message too large */
const QUOTA_CODES: ReadonlySet<string> = new Set(['plan-quota-exceeded', 'key-quota-exceeded'])

export interface ConnectionLimits {
  maxMessageBytes: number
  maxMessagesPerS: number
  /** close a connection whose unsent bytes would pass this */
  maxUnsentBytes: number
  /** answers (sync step 2, awareness) per connection: sustained bytes per second, and burst */
  answerBytesPerS: number
  answerBurstBytes: number
}

export function connectionLimits(config: { maxMessageBytes: number; maxMessagesPerS: number }): ConnectionLimits {
  return {
    maxMessageBytes: config.maxMessageBytes,
    maxMessagesPerS: config.maxMessagesPerS,
    maxUnsentBytes: MAX_UNSENT_MESSAGES * config.maxMessageBytes,
    answerBytesPerS: Math.ceil(config.maxMessageBytes / ANSWER_REFILL_S),
    answerBurstBytes: ANSWER_BURST_MESSAGES * config.maxMessageBytes,
  }
}

/** Sends the close frame (the client reads why), then cuts the socket without waiting for its answer. */
export function closeAndCut(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason)
  } catch {
    // not open any more: the timer below still ends it
  }
  setTimeout(() => ws.terminate(), REFUSED_LINGER_MS).unref()
}

export class Connection implements Peer {
  readonly awarenessIds = new Set<number>()
  /** for the keepalive: when we last sent anything */
  lastSentAt = Date.now()
  /** pings sent since the last pong; a peer that misses several in a row is gone */
  private unanswered = 0
  private closing = false
  private readonly bucket: TokenBucket
  /** bytes this connection was answered (step 2, awareness): what a step 1 costs the relay */
  private readonly answers: ByteBudget
  /** every byte handed to the socket so far; an answer's cost is the difference */
  private sentBytes = 0

  constructor(
    readonly id: string,
    readonly key: string,
    readonly admittedAs: AdmittedAs,
    private readonly ws: WebSocket,
    readonly room: Room,
    private readonly limits: ConnectionLimits,
    private readonly isShuttingDown: () => boolean,
  ) {
    this.bucket = new TokenBucket(limits.maxMessagesPerS, limits.maxMessagesPerS * 2)
    this.answers = new ByteBudget(limits.answerBytesPerS, limits.answerBurstBytes)
    ws.on('pong', () => {
      this.unanswered = 0
    })
  }

  get isOpen(): boolean {
    return !this.closing
  }

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return
    // checked before queueing: past the bound this client is not reading (or far too slow);
    // no MESSAGE_ERROR, it would only wait behind what it does not read
    if (this.ws.bufferedAmount + message.length > this.limits.maxUnsentBytes) {
      log('warn', 'conn-refused', {
        room: this.room.name,
        conn: this.id,
        close: CLOSE.rateLimited,
        rule: 'R9',
        code: 'send-buffer-full',
        unsent: this.ws.bufferedAmount,
      })
      this.close(CLOSE.rateLimited, 'R9 send-buffer-full')
      return
    }
    this.lastSentAt = Date.now()
    this.sentBytes += message.length
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.close(1011, 'send failed')
    })
  }

  close(code: number, reason: string): void {
    if (this.closing) return
    this.closing = true
    closeAndCut(this.ws, code, reason)
  }

  ping(): void {
    if (this.unanswered >= MAX_UNANSWERED_PINGS) {
      log('info', 'conn-timeout', { room: this.room.name, conn: this.id })
      this.ws.terminate()
      return
    }
    this.unanswered += 1
    try {
      this.ws.ping()
    } catch {
      this.ws.terminate()
    }
  }

  /** Entry for every incoming frame. Limits are checked at once, in arrival order. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.closing || this.isShuttingDown()) return // not acknowledged, so the client sends it again
    if (data.length > this.limits.maxMessageBytes) {
      return this.refuse(CLOSE.tooLarge, {
        rule: 'R9',
        code: 'message-too-large',
        message: `message of ${data.length} bytes exceeds ${this.limits.maxMessageBytes}`,
      })
    }
    if (!this.bucket.take()) {
      return this.refuse(CLOSE.rateLimited, { rule: 'R9', code: 'rate-limited', message: `more than ${this.limits.maxMessagesPerS} messages per second` })
    }
    if (!isBinary) return this.refuse(CLOSE.rejected, { rule: 'protocol', code: 'malformed', message: 'text frames are not part of the protocol' })
    // a copy: the doc keeps views of these bytes, and must not pin ws's receive buffers
    const bytes = new Uint8Array(data)
    this.room
      .run(() => this.dispatch(bytes))
      .catch((err: unknown) => {
        // our fault, not the client's (input errors are refused above): it may retry
        log('error', 'conn-internal-error', { room: this.room.name, conn: this.id, ...describeError(err) })
        this.close(1011, 'relay error, reconnect')
      })
  }

  private async dispatch(bytes: Uint8Array): Promise<void> {
    if (this.closing || this.isShuttingDown() || this.room.broken) return
    const message = parseClientMessage(bytes)
    if (!message) return this.refuse(CLOSE.rejected, { rule: 'protocol', code: 'malformed', message: 'not a valid protocol message' })
    switch (message.type) {
      case 'sync-step1':
        return this.answer(() => this.room.answerStep1(this, message.stateVector))
      case 'sync-update': {
        const violation = await this.room.integrate(this, message.update)
        if (violation) this.reject(violation, message.update.length)
        return
      }
      case 'awareness': {
        const violation = this.room.applyAwareness(this, message.update, message.entries)
        if (violation) this.reject(violation, message.update.length)
        return
      }
      case 'query-awareness':
        return this.answer(() => this.send(this.room.allAwareness()))
      case 'auth':
        return // y-protocols' auth message: nothing to say; our auth is the connection token
    }
  }

  /**
   * A question whose answer the relay builds (a step 2 can be the whole plan): asked while the
   * connection's answer budget is spent, it is refused before any work; its answer is charged
   * by its size once sent.
   */
  private async answer(build: () => void | Promise<void>): Promise<void> {
    if (!this.answers.hasCredit()) {
      return this.refuse(CLOSE.rateLimited, {
        rule: 'R9',
        code: 'rate-limited',
        message: `answered more than ${this.limits.answerBurstBytes} bytes at once or ${this.limits.answerBytesPerS} bytes per second`,
      })
    }
    const before = this.sentBytes
    await build()
    this.answers.charge(this.sentBytes - before)
  }

  private reject(violation: RuleViolation, bytes: number): void {
    log('warn', 'update-rejected', { room: this.room.name, conn: this.id, rule: violation.rule, code: violation.code, bytes })
    this.refuse(QUOTA_CODES.has(violation.code) ? CLOSE.tooLarge : CLOSE.rejected, { rule: violation.rule, code: violation.code, message: violation.message })
  }

  /** Tells the client why (MESSAGE_ERROR), then closes with a code y-websocket will not retry. */
  private refuse(closeCode: number, error: { rule: string; code: string; message: string }): void {
    if (this.closing) return
    if (closeCode !== CLOSE.rejected) {
      log('warn', 'conn-refused', { room: this.room.name, conn: this.id, close: closeCode, rule: error.rule, code: error.code })
    }
    this.send(encodeError({ code: error.code, rule: error.rule, message: error.message.slice(0, 300) }))
    this.close(closeCode, error.code === 'malformed' ? 'malformed' : `${error.rule} ${error.code}`)
  }
}

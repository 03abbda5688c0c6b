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
import { TokenBucket } from './rateLimit'
import type { Room } from './room'

/** with a ping per keepalive tick (10 s), a peer silent for half a minute is dropped */
const MAX_UNANSWERED_PINGS = 3

export interface ConnectionLimits {
  maxMessageBytes: number
  maxMessagesPerS: number
}

export class Connection implements Peer {
  readonly awarenessIds = new Set<number>()
  /** for the keepalive: when we last sent anything */
  lastSentAt = Date.now()
  /** pings sent since the last pong; a peer that misses several in a row is gone */
  private unanswered = 0
  private closing = false
  private readonly bucket: TokenBucket

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
    ws.on('pong', () => {
      this.unanswered = 0
    })
  }

  get isOpen(): boolean {
    return !this.closing
  }

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return
    this.lastSentAt = Date.now()
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.close(1011, 'send failed')
    })
  }

  close(code: number, reason: string): void {
    if (this.closing) return
    this.closing = true
    try {
      this.ws.close(code, reason)
    } catch {
      this.ws.terminate()
    }
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
        return this.room.answerStep1(this, message.stateVector)
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
        return this.send(this.room.allAwareness())
      case 'auth':
        return // y-protocols' auth message: nothing to say; our auth is the connection token
    }
  }

  private reject(violation: RuleViolation, bytes: number): void {
    log('warn', 'update-rejected', { room: this.room.name, conn: this.id, rule: violation.rule, code: violation.code, bytes })
    this.refuse(CLOSE.rejected, { rule: violation.rule, code: violation.code, message: violation.message })
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

/**
 * The relay as one HTTP server: the app, /health and an invite's state (/sync/<planId>/invite)
 * over HTTP, /sync/<planId> upgraded to a WebSocket. Admission happens after the upgrade on
 * purpose: a refusal is then a 44xx close code, which y-websocket treats as final, where a
 * failed handshake would be retried forever.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { fromBase64Url, toBase64Url } from '../src/sync/bytes'
import { INVITE_CHECK_PATH } from '../src/sync/inviteCheck'
import { CLOSE, encodeErased } from '../src/sync/protocol'
import { CLOSE_TRY_AGAIN_LATER } from '../src/sync/reconnectDelay'
// clients refuse updates above this from the relay: never accept one they would refuse
import { MAX_UPDATE_BYTES } from '../src/sync/validateUpdate'
import { admit } from './admission'
import type { RelayConfig } from './config'
import { closeAndCut, Connection, connectionLimits } from './connection'
import type { Fanout } from './fanout'
import { securityHeaderLines, setSecurityHeaders } from './http/headers'
import { FILES_PATH } from '../src/sync/fileTransfer'
import { serveFiles } from './http/files'
import { createPieceMemory } from './http/pieceMemory'
import { openShare, serveShares } from './http/shares'
import { SHARE_OPEN_PATH, SHARES_PATH } from '../src/sync/shareTransfer'
import { answerPushKey, PUSH_KEY_PATH, PUSH_PATH, servePush } from './http/push'
import { PUSH_NUDGE_PATH, servePushNudge } from './http/pushNudge'
import { PushSender } from './push/pushSender'
import { answerInviteCheck } from './http/inviteCheck'
import { createStaticHandler } from './http/staticFiles'
import { describeError, log } from './log'
import { KEEPALIVE } from './messages'
import { KeyedBuckets, NewRoomLimiter, TokenBucket } from './rateLimit'
import { Quotas } from './quota'
import { sweepRetention } from './retentionSweep'
import { Rooms } from './rooms'
import type { Spool } from './storage/spool'
import type { RelayStore } from './storage/types'

/** ws refuses (1009) above this; the relay's own check below it answers with 4413 and a reason. */
const PAYLOAD_SLACK_BYTES = 1024 * 1024
/**
 * Bytes taken from a socket before it is admitted. The socket is paused until then, so none
 * should arrive; should ws hand some over anyway, a client's step 1 and presence fit easily.
 */
const MAX_EARLY_BYTES = 64 * 1024
/** on shutdown, how long accepted work may take to reach the disk before sockets close anyway */
const DRAIN_TIMEOUT_MS = 5_000

export interface Relay {
  server: http.Server
  listen(): Promise<number>
  /** R22: erases the plans whose retention end has passed at `now`; how many went */
  sweepRetention(now: number): Promise<number>
  shutdown(reason: string): Promise<void>
}

export function parsePlanId(text: string): Uint8Array | null {
  if (text.length !== 43) return null
  try {
    const bytes = fromBase64Url(text)
    // one spelling per id, so one plan is never two rooms
    return bytes.length === 32 && toBase64Url(bytes) === text ? bytes : null
  } catch {
    return null
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n${securityHeaderLines()}Content-Length: ${text.length}\r\n\r\n${text}`,
  )
}

export function createRelay(config: RelayConfig, store: RelayStore, fanout: Fanout, spool: Spool): Relay {
  const started = Date.now()
  const push = new PushSender(store, { vapid: config.vapid, services: config.pushServices, gapMs: config.pushGapMs })
  const quotas = new Quotas({ planBytes: config.planQuotaBytes, keyBytesPerHour: config.keyQuotaBytesPerHour, keyBytesPerDay: config.keyQuotaBytesPerDay })
  const rooms = new Rooms({
    store,
    fanout,
    maxUpdateBytes: Math.min(MAX_UPDATE_BYTES, config.maxMessageBytes),
    compactAfterRows: config.compactAfterRows,
    idleMs: config.roomIdleMs,
    catchUpPollMs: config.catchUpPollMs,
    fileGraceMs: config.fileGraceMs,
    quotas,
    push,
  })
  const newRooms = new NewRoomLimiter(config.maxRoomsPerHour)
  const connections = new Set<Connection>()
  const limits = connectionLimits(config)
  const serveStatic = createStaticHandler(config.staticDir)
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes + PAYLOAD_SLACK_BYTES, perMessageDeflate: false })
  let shuttingDown = false
  let connCounter = 0
  const upgrades = new TokenBucket(config.maxUpgradesPerS, config.maxUpgradesPerS * 2)
  /** refused upgrades since the last log line: a storm is logged once a second, not once a socket */
  let overloaded = { count: 0, loggedAt: 0 }

  const fileRequests = new KeyedBuckets(config.maxFileRequestsPerS, config.maxFileRequestsPerS * 2)
  const pieceMemory = createPieceMemory(config.pieceMemoryBytes)
  const fileTransfers = { receiving: 0, sending: 0 }
  const fileDeps = {
    store,
    rooms,
    perKey: fileRequests,
    planFileQuotaBytes: config.planFileQuotaBytes,
    pieceMemory,
    spool,
    rate: { minBytesPerS: config.fileMinBytesPerS, windowMs: config.fileRateWindowMs },
    transfers: fileTransfers,
  }
  const shareOpenings = new KeyedBuckets(config.maxShareOpensPerS, config.maxShareOpensPerS * 2)
  const shareDeps = { store, rooms, perKey: fileRequests, perAddress: shareOpenings }

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res)
    try {
      const { pathname, searchParams } = new URL(req.url ?? '/', 'http://relay')
      if (pathname === PUSH_KEY_PATH && req.method === 'GET') return answerPushKey(push, res)
      const pushPath = PUSH_PATH.exec(pathname)
      const nudgePath = PUSH_NUDGE_PATH.exec(pathname)
      if (pushPath || nudgePath) {
        const planId = parsePlanId((pushPath ?? nudgePath)![1]!)
        if (!planId || shuttingDown) {
          return void res.writeHead(planId ? 503 : 400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end()
        }
        const serve = pushPath ? servePush : servePushNudge
        serve({ store, rooms, perKey: fileRequests, sender: push }, req, res, planId, searchParams).catch((err) => {
          log('error', 'push-request-failed', describeError(err))
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
          res.end()
        })
        return
      }
      const files = FILES_PATH.exec(pathname)
      if (files) {
        const planId = parsePlanId(files[1]!)
        if (!planId || shuttingDown) {
          return void res.writeHead(planId ? 503 : 400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end()
        }
        serveFiles(fileDeps, req, res, planId, files[2] ?? null, searchParams).catch((err) => {
          log('error', 'file-request-failed', describeError(err))
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
          res.end()
        })
        return
      }
      const shares = SHARES_PATH.exec(pathname)
      if (shares) {
        const planId = parsePlanId(shares[1]!)
        if (!planId || shuttingDown) {
          return void res.writeHead(planId ? 503 : 400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end()
        }
        serveShares(shareDeps, req, res, planId, shares[2] ?? null, searchParams).catch((err) => {
          log('error', 'share-request-failed', describeError(err))
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
          res.end()
        })
        return
      }
      const shareOpen = SHARE_OPEN_PATH.exec(pathname)
      if (shareOpen) {
        if (shuttingDown) return void res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end()
        openShare(shareDeps, req, res, shareOpen[1]!, clientAddress(req)).catch((err) => {
          log('error', 'share-open-failed', describeError(err))
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
          res.end()
        })
        return
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n')
        return
      }
      if (pathname === '/health') {
        const body = JSON.stringify({
          status: shuttingDown ? 'shutting-down' : 'ok',
          rooms: rooms.size,
          connections: connections.size,
          pieceMemory: { heldBytes: pieceMemory.held(), waiting: pieceMemory.waiting() },
          fileTransfers,
          uptimeS: Math.round((Date.now() - started) / 1000),
        })
        res.writeHead(shuttingDown ? 503 : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body)
        return
      }
      const inviteCheck = INVITE_CHECK_PATH.exec(pathname)
      if (inviteCheck) {
        const planId = parsePlanId(inviteCheck[1]!)
        if (!planId || shuttingDown) return void res.writeHead(planId ? 503 : 400, { 'Content-Type': 'text/plain; charset=utf-8' }).end()
        answerInviteCheck({ store, rooms }, planId, searchParams.get('auth'), res).catch((err) => {
          log('error', 'invite-check-failed', describeError(err))
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
          res.end()
        })
        return
      }
      if (pathname === '/sync' || pathname.startsWith('/sync/')) {
        res.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain; charset=utf-8' }).end('WebSocket only\n')
        return
      }
      serveStatic(req, res, pathname)
    } catch (err) {
      log('error', 'http-error', describeError(err))
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal error\n')
    }
  })

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    try {
      if (shuttingDown) return rejectUpgrade(socket, 503, 'Service Unavailable')
      const url = new URL(req.url ?? '/', 'http://relay')
      const match = /^\/sync\/([^/]+)$/.exec(url.pathname)
      if (!match) return rejectUpgrade(socket, 404, 'Not Found')
      const planId = parsePlanId(match[1]!)
      if (!planId) return rejectUpgrade(socket, 400, 'Bad Request')
      const address = clientAddress(req)
      if (!upgrades.take()) {
        // overloaded: a clear close the client backs off on, before any token, room or store work
        overloaded.count++
        if (Date.now() - overloaded.loggedAt >= 1000) {
          log('warn', 'upgrades-overloaded', { refused: overloaded.count, perS: config.maxUpgradesPerS })
          overloaded = { count: 0, loggedAt: Date.now() }
        }
        return wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE_TRY_AGAIN_LATER, 'overloaded'))
      }
      wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, socket, planId, url.searchParams.get('auth'), address))
    } catch (err) {
      log('error', 'upgrade-error', describeError(err))
      socket.destroy()
    }
  })

  function clientAddress(req: http.IncomingMessage): string {
    const forwarded = req.headers['x-forwarded-for']
    if (config.trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]!.trim()
    return req.socket.remoteAddress ?? 'unknown'
  }

  function onSocket(ws: WebSocket, socket: Duplex, planId: Uint8Array, token: string | null, address: string): void {
    const id = `c${(++connCounter).toString(36)}`
    const room = toBase64Url(planId)
    // Nothing is read until the token is checked: TCP backpressure holds what the client sends
    // meanwhile (its step 1, its presence) in its own buffers, not ours. A refused socket is never
    // read at all; it used to be, up to 32 frames of 17 MiB each, until the close handshake ended.
    ws.pause()
    const early: [Buffer, boolean][] = []
    let earlyBytes = 0
    let conn: Connection | null = null
    let closed = false

    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      if (conn) return conn.receive(buffer, isBinary)
      // not expected while paused (ws emits nothing it has not read); kept as a hard bound
      earlyBytes += buffer.length
      if (earlyBytes > MAX_EARLY_BYTES) return refuseUnread(CLOSE.rateLimited, 'R9 rate-limited')
      early.push([buffer, isBinary])
    })
    ws.on('error', (err) => log('warn', 'conn-error', { room, conn: id, ...describeError(err) }))
    ws.on('close', (code) => {
      closed = true
      if (!conn) return
      connections.delete(conn)
      conn.room.leave(conn)
      rooms.release(conn.room)
      log('info', 'conn-close', { room, conn: id, close: code })
    })

    admit({ store, rooms, newRooms }, planId, token, address)
      .then((result) => {
        if (!result.ok) {
          log('info', 'conn-refused', { room, conn: id, close: result.close, code: result.code })
          if (result.erased) ws.send(encodeErased(result.erased))
          refuseUnread(result.close, result.code)
          return
        }
        if (closed || shuttingDown) {
          rooms.release(result.room)
          if (!closed) refuseUnread(CLOSE.shuttingDown, 'relay shutting down')
          return
        }
        const c = new Connection(id, result.key, result.as, ws, result.room, limits, () => shuttingDown)
        conn = c
        connections.add(c)
        log('info', 'conn-open', { room, conn: id, as: result.as, key: result.key.slice(0, 12) })
        c.room
          .run(() => c.room.join(c))
          .catch((err) => {
            log('error', 'conn-join-failed', { room, conn: id, ...describeError(err) })
            c.close(1011, 'relay error, reconnect')
          })
        for (const [data, isBinary] of early.splice(0)) c.receive(data, isBinary)
        ws.resume()
      })
      .catch((err) => {
        log('error', 'admission-failed', { room, conn: id, ...describeError(err) })
        refuseUnread(1011, 'relay error, reconnect')
      })

    /**
     * A socket refused before it was read: the close frame, then our end of the TCP stream at
     * once, so the client sees the close now although its answer is never read; cut soon after.
     */
    function refuseUnread(code: number, reason: string): void {
      closeAndCut(ws, code, reason)
      socket.end()
    }
  }

  /** Clients drop a connection after 30 s without a message; dead peers are found by ping. */
  const keepalive = setInterval(() => {
    const now = Date.now()
    for (const conn of connections) {
      conn.ping()
      if (now - conn.lastSentAt >= config.keepaliveMs) conn.send(KEEPALIVE)
    }
    newRooms.prune(now)
    quotas.prune(now)
    fileRequests.prune(now)
    shareOpenings.prune(now)
  }, config.keepaliveMs)
  keepalive.unref()

  return {
    server,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.host, () => {
          server.off('error', reject)
          const address = server.address()
          resolve(typeof address === 'object' && address ? address.port : config.port)
        })
      })
    },
    sweepRetention: (now) => (shuttingDown ? Promise.resolve(0) : sweepRetention(store, rooms, now)),
    async shutdown(reason) {
      if (shuttingDown) return
      shuttingDown = true
      log('info', 'shutdown-start', { reason, connections: connections.size, rooms: rooms.size })
      clearInterval(keepalive)
      server.close() // stop accepting; upgrades still arriving are answered 503 above
      // what was accepted is being stored: let it finish (new messages are no longer taken)
      await Promise.race([rooms.drain(), new Promise((r) => setTimeout(r, DRAIN_TIMEOUT_MS))])
      for (const ws of wss.clients) ws.close(CLOSE.shuttingDown, 'relay shutting down')
      const deadline = Date.now() + 2_000
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      for (const ws of wss.clients) ws.terminate()
      rooms.unloadAll()
      await store.close()
      server.closeAllConnections()
      log('info', 'shutdown-done', { reason })
    },
  }
}

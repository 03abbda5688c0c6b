/**
 * An upload's body written to its spool file (server/storage/spool.ts) as it arrives and hashed on
 * the way: the relay holds a write buffer per request, never the piece. The socket is read only as
 * fast as the disk takes it (TCP holds the rest back on the sender).
 */
import fs from 'node:fs'
import type http from 'node:http'
import { startPieceAddress } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { describeError, log } from '../log'
import { type RatePolicy, watchRate } from './minRate'

export type SpooledBody =
  | { ok: true; address: string }
  /** longer or shorter than declared, or broken off (longer: the connection is closed at once) */
  | { ok: false; why: 'length-mismatch' }
  /** below the minimum rate: the body is no longer kept, the connection is still there to answer on */
  | { ok: false; why: 'too-slow' }
  /** the spool file could not be written (disk full): the connection is closed */
  | { ok: false; why: 'spool-failed' }

export function spoolBody(req: http.IncomingMessage, length: number, file: string, rate: RatePolicy): Promise<SpooledBody> {
  // broken off before its body was asked for: no event will come any more
  if (req.destroyed) return Promise.resolve({ ok: false, why: 'length-mismatch' })
  return new Promise((resolve) => {
    const hash = startPieceAddress(length)
    const out = fs.createWriteStream(file, { flags: 'wx' })
    let received = 0
    let result: SpooledBody | null = null
    let outClosed = false
    let outFailed = false
    const guard = watchRate(rate, length, () => finish({ ok: false, why: 'too-slow' }))

    // answered only once the file is closed: the caller deletes or moves it next
    const settle = () => {
      if (!result || !outClosed) return
      // a write that failed as the file was closed: what is on disk is not the body
      resolve(outFailed ? { ok: false, why: 'spool-failed' } : result)
    }
    out.on('close', () => {
      outClosed = true
      settle()
    })
    out.on('error', (err) => {
      // the file was given up on purpose (cut, broken off): writes still queued fail as destroyed,
      // which is no disk failure, and the connection must stay for the answer
      if (result && !result.ok) return
      outFailed = true
      log('error', 'file-spool-failed', describeError(err))
      req.destroy()
      finish({ ok: false, why: 'spool-failed' })
    })
    const finish = (r: SpooledBody) => {
      if (result) return
      result = r
      guard.stop()
      req.off('data', onData)
      if (r.ok) out.end()
      else {
        // what still arrives is read and dropped until the answer closes the connection: bytes
        // left unread there would make it close with a reset, which loses the answer
        req.resume()
        out.destroy()
      }
      settle()
    }
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > length) {
        // more than it declared: stop reading now, not at the end
        req.destroy()
        return finish({ ok: false, why: 'length-mismatch' })
      }
      received += chunk.length
      guard.moved(chunk.length)
      hash.update(chunk)
      // the disk is behind: the socket waits for it
      if (!out.write(chunk)) {
        req.pause()
        out.once('drain', () => {
          if (!result) req.resume()
        })
      }
    }
    req.on('data', onData)
    // the digest is taken once: the hash state is gone after it
    const whole = () => finish(received === length ? { ok: true, address: toHex(hash.digest()) } : { ok: false, why: 'length-mismatch' })
    req.on('end', () => {
      if (!result) whole()
    })
    req.on('aborted', () => finish({ ok: false, why: 'length-mismatch' }))
    // a connection closed without 'aborted' (or after it was emitted): never wait on it
    req.on('close', () => {
      if (!result) whole()
    })
    req.on('error', (err) => {
      log('warn', 'file-upload-broken', describeError(err))
      finish({ ok: false, why: 'length-mismatch' })
    })
  })
}

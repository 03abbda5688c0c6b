/**
 * A push service of our own on loopback, for the relay's Web Push: it hands out subscriptions
 * (a P-256 key pair and auth secret per "device", as a browser makes them), receives what the
 * relay posts, checks the VAPID header (RFC 8292: an ES256 JWT for this origin, signed by the key
 * it names) and decrypts the body as the browser would (RFC 8291, aes128gcm, RFC 8188).
 */
import crypto from 'node:crypto'
import http from 'node:http'

export interface TestSubscription {
  endpoint: string
  p256dh: string
  auth: string
  /** what this "device" received, decrypted */
  received: string[]
}

export interface PushService {
  origin: string
  subscribe(): TestSubscription
  /** every POST, in order: its endpoint id, VAPID public key, audience, and what went wrong if anything */
  posts: { id: string; vapidKey: string; aud: string; error?: string }[]
  /** answer this status for this endpoint from now on (404/410: the device unsubscribed) */
  answer(endpoint: string, status: number): void
  close(): Promise<void>
}

const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url')

function hmac(key: Buffer, data: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update(data).digest()
}

/** RFC 8291 §3.4 and RFC 8188: the plaintext of an aes128gcm body for the subscriber's keys. */
export function decryptPush(body: Buffer, subscriber: crypto.ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16)
  const idLength = body[20]!
  const serverPublic = body.subarray(21, 21 + idLength)
  const ciphertext = body.subarray(21 + idLength)
  const shared = subscriber.computeSecret(serverPublic)
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), subscriber.getPublicKey(), serverPublic])
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([keyInfo, Buffer.from([1])]))
  const prk = hmac(salt, ikm)
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16)
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12)
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce)
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16))
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()])
  // the last record ends with the delimiter 2, then zero padding
  let end = padded.length - 1
  while (end >= 0 && padded[end] === 0) end--
  if (padded[end] !== 2) throw new Error('no last-record delimiter')
  return padded.subarray(0, end).toString('utf8')
}

/** RFC 8292: `vapid t=<jwt>, k=<key>`; the JWT's signature by k, its audience this origin. */
function checkVapid(header: string | undefined, origin: string): { vapidKey: string; aud: string } {
  const m = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header ?? '')
  if (!m) throw new Error(`no VAPID authorization: ${header}`)
  const [head, claims, signature] = m[1]!.split('.')
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(Buffer.from(m[2]!, 'base64url').subarray(1, 33)), y: b64u(Buffer.from(m[2]!, 'base64url').subarray(33)) },
    format: 'jwk',
  })
  const ok = crypto.verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))
  if (!ok) throw new Error('VAPID signature does not verify')
  const aud = (JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud: string }).aud
  if (aud !== origin) throw new Error(`VAPID audience ${aud} is not ${origin}`)
  return { vapidKey: m[2]!, aud }
}

export async function startPushService(): Promise<PushService> {
  const devices = new Map<string, { ecdh: crypto.ECDH; auth: Buffer; sub: TestSubscription }>()
  const statuses = new Map<string, number>()
  const posts: PushService['posts'] = []
  let origin = ''
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const id = (req.url ?? '').replace(/^\/push\//, '')
      const device = devices.get(id)
      const status = statuses.get(id) ?? 201
      const post: PushService['posts'][number] = { id, vapidKey: '', aud: '' }
      posts.push(post)
      try {
        Object.assign(post, checkVapid(req.headers.authorization, origin))
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${req.headers['content-encoding']}`)
        if (!device) throw new Error('unknown subscription')
        if (status < 300) device.sub.received.push(decryptPush(Buffer.concat(chunks), device.ecdh, device.auth))
      } catch (err) {
        post.error = (err as Error).message
        return void res.writeHead(400).end()
      }
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    origin,
    posts,
    subscribe() {
      const id = crypto.randomUUID()
      const ecdh = crypto.createECDH('prime256v1')
      ecdh.generateKeys()
      const auth = crypto.randomBytes(16)
      const sub: TestSubscription = { endpoint: `${origin}/push/${id}`, p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth), received: [] }
      devices.set(id, { ecdh, auth, sub })
      return sub
    },
    answer(endpoint, status) {
      statuses.set(endpoint.split('/push/')[1]!, status)
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

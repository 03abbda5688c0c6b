/**
 * The baseline: a plain, unencrypted y-websocket relay (what y-websocket's own server does:
 * apply and fan out, no checks, memory only). Run as its own process so both relays measured
 * pay the same process boundary. Prints {"event":"listening","port":N}.
 */
import http from 'node:http'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebSocketServer, type WebSocket } from 'ws'

const rooms = new Map<string, { doc: Y.Doc; awareness: awarenessProtocol.Awareness; conns: Set<WebSocket> }>()

function room(name: string) {
  let r = rooms.get(name)
  if (!r) {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalState(null)
    r = { doc, awareness, conns: new Set() }
    const rr = r
    doc.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeUpdate(e, update)
      const msg = encoding.toUint8Array(e)
      for (const c of rr.conns) c.send(msg)
    })
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]))
      const msg = encoding.toUint8Array(e)
      for (const c of rr.conns) c.send(msg)
    })
    rooms.set(name, r)
  }
  return r
}

const server = http.createServer((_req, res) => res.end('plain relay'))
const wss = new WebSocketServer({ server })
wss.on('connection', (ws, req) => {
  const r = room((req.url ?? '/').slice(1).split('?')[0]!)
  r.conns.add(ws)
  ws.binaryType = 'arraybuffer'
  ws.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const encoder = encoding.createEncoder()
    const type = decoding.readVarUint(decoder)
    if (type === 0) {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.readSyncMessage(decoder, encoder, r.doc, ws)
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder))
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(decoder), ws)
    }
  })
  ws.on('close', () => r.conns.delete(ws))
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeSyncStep1(e, r.doc)
  ws.send(encoding.toUint8Array(e))
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address()
  console.log(JSON.stringify({ event: 'listening', port: typeof addr === 'object' && addr ? addr.port : 0 }))
})
process.on('SIGTERM', () => process.exit(0))

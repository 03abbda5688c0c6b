/**
 * The relay's VAPID keys when the operator set none and the relay is alone on its SQLite store:
 * made once and kept in DATA_DIR/vapid.json (readable by the relay only), so `npm start` has
 * working push and a restart keeps every device's subscription valid.
 */
import fs from 'node:fs'
import path from 'node:path'
import webpush from 'web-push'
import type { VapidKeys } from './pushSender'

export const VAPID_FILE = 'vapid.json'

export function loadOrMakeVapidKeys(dataDir: string, subject: string): VapidKeys {
  const file = path.join(dataDir, VAPID_FILE)
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<VapidKeys>
    if (typeof saved.publicKey === 'string' && typeof saved.privateKey === 'string')
      return { publicKey: saved.publicKey, privateKey: saved.privateKey, subject }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const keys = webpush.generateVAPIDKeys()
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
  return { ...keys, subject }
}

/**
 * A relay's SQLite file from before push modes: its push_subscriptions table gains the `mode`
 * column once, at start, and every subscription in it keeps pushing as before (`all`); a device
 * that chooses "only my afspraken and meetings" is stored as `mine`. PostgreSQL gets the same
 * column in migration 7 (server/storage/postgres.ts), covered by the store contract test.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE, openSqliteStore } from '../../server/storage/sqlite'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('push subscriptions stored before modes', () => {
  it('gain mode `all` once; a new subscription may be `mine`', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-push-mode-'))
    dirs.push(dir)
    // the table as relays before modes made it, with one subscription in it
    const old = new Database(path.join(dir, DATABASE_FILE))
    old.exec(`CREATE TABLE push_subscriptions (
      plan TEXT NOT NULL, key TEXT NOT NULL, endpoint TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL, tag TEXT NOT NULL,
      created_at INTEGER NOT NULL, last_push_at INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (plan, key, endpoint)) WITHOUT ROWID`)
    old
      .prepare('INSERT INTO push_subscriptions (plan, key, endpoint, p256dh, auth, tag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('p', 'moeder', 'https://push.example/1', 'k', 'a', 'oude-tag', 1)
    old.close()

    for (let start = 0; start < 2; start++) {
      // opened twice: the column is added the first time only
      const store = openSqliteStore(dir)
      try {
        expect(await store.push.forPlan('p')).toEqual([
          { plan: 'p', key: 'moeder', endpoint: 'https://push.example/1', p256dh: 'k', auth: 'a', tag: 'oude-tag', mode: 'all' },
        ])
      } finally {
        await store.close()
      }
    }
    const store = openSqliteStore(dir)
    try {
      await store.push.subscribe({ plan: 'p', key: 'vader', endpoint: 'https://push.example/2', p256dh: 'k', auth: 'a', tag: 't', mode: 'mine' }, 2)
      expect((await store.push.forPlan('p')).map((r) => `${r.key} ${r.mode}`).sort()).toEqual(['moeder all', 'vader mine'])
    } finally {
      await store.close()
    }
  })
})

/**
 * What the session remembers about its connection between events (src/access/session/statusTracker.ts):
 * each event changes the status the way the UI expects, and listeners hear every change.
 */
import { describe, expect, it } from 'vitest'
import { StatusTracker, type LiveFacts } from '../../src/access/session/statusTracker'
import type { SyncStatus } from '../../src/access/types'

function tracked(live: Partial<LiveFacts> = {}) {
  const facts: LiveFacts = { pending: 0, connected: true, reconnecting: false, synced: true, failedAttempts: 0, accessEnded: false, ...live }
  const tracker = new StatusTracker(() => facts)
  const heard: SyncStatus[] = []
  tracker.onStatus((s) => heard.push(s))
  return { tracker, facts, heard }
}

describe('StatusTracker', () => {
  it('offline before any attempt is connecting; after a failed attempt or a connection, saved-local', () => {
    const { tracker, facts } = tracked({ connected: false, synced: false })
    expect(tracker.status().state).toBe('connecting')
    facts.failedAttempts = 1
    expect(tracker.status().state).toBe('saved-local')
    facts.failedAttempts = 0
    tracker.connected()
    expect(tracker.status().state).toBe('saved-local')
  })

  it('a refused step 2 from the relay is an error until the next connection; a refusal from elsewhere only counts', () => {
    const { tracker, facts, heard } = tracked({ synced: false })
    tracker.refused('R5 forbidden')
    expect(tracker.status()).toMatchObject({ state: 'connecting', rejected: 1 })
    tracker.refused('R2 bad-signature', true)
    expect(tracker.status()).toMatchObject({ state: 'error', errorCode: 'R2 bad-signature', rejected: 2 })
    tracker.connected()
    expect(tracker.status().state).toBe('connecting')
    facts.synced = true
    expect(tracker.status().state).toBe('synced')
    expect(tracker.refusals().map((r) => r.reason)).toEqual(['R5 forbidden', 'R2 bad-signature'])
    expect(heard).toHaveLength(3)
  })

  it('a final close holds until the device is admitted anew; the relay error names it', () => {
    const { tracker } = tracked()
    tracker.relayErrored({ code: 'consent-missing', rule: 'R12', message: 'no consent' })
    tracker.closedFinally({ code: 4403, reason: 'R12 consent-missing' })
    expect(tracker.status()).toMatchObject({ state: 'error', errorCode: 'consent-missing' })
    expect(tracker.relayErrorCode()).toBe('consent-missing')
    expect(tracker.finalCloseEvent()).toEqual({ code: 4403, reason: 'R12 consent-missing' })
    tracker.connected()
    expect(tracker.relayErrorCode()).toBe('consent-missing') // the close still holds
    tracker.admitted()
    expect(tracker.status().state).toBe('synced')
    expect(tracker.relayErrorCode()).toBeNull()
  })

  it('the last sync time moves only when the relay confirmed everything', () => {
    const { tracker } = tracked({ pending: 2 })
    tracker.acknowledged(false, 5)
    expect(tracker.status()).toMatchObject({ state: 'pending', lastSyncedAt: null })
    tracker.acknowledged(true, 7)
    expect(tracker.status().lastSyncedAt).toBe(7)
  })

  it('[issue 14] the last sync time a previous visit left holds after a reload, until a newer one', () => {
    const { tracker } = tracked({ connected: false, synced: false, pending: 3, failedAttempts: 1 })
    tracker.restored(40)
    expect(tracker.status()).toMatchObject({ state: 'saved-local', pending: 3, lastSyncedAt: 40 })
    tracker.acknowledged(true, 50)
    tracker.restored(40) // a late read never moves it back
    expect(tracker.lastSynced()).toBe(50)
  })

  it('[issue 14] a reconnect the browser asked for shows as connecting at once, not offline', () => {
    const { tracker, facts } = tracked({ connected: false, synced: false, failedAttempts: 6 })
    tracker.connected()
    expect(tracker.status().state).toBe('saved-local')
    facts.reconnecting = true
    expect(tracker.status().state).toBe('connecting')
  })

  it('a listener that unsubscribed hears nothing more', () => {
    const { tracker } = tracked()
    const heard: string[] = []
    const stop = tracker.onStatus((s) => heard.push(s.state))
    tracker.changed()
    stop()
    tracker.changed()
    expect(heard).toEqual(['synced'])
  })
})

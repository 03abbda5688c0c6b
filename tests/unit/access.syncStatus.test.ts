/**
 * The sync state the UI shows, from what the session knows of its connection
 * (src/access/session/syncStatus.ts): one table of facts → status.
 */
import { describe, expect, it } from 'vitest'
import { closeCode, relayErrorCode, syncStatus, type SyncFacts } from '../../src/access/session/syncStatus'

/** connected, synced, nothing pending, nothing refused */
const settled: SyncFacts = {
  pending: 0,
  lastSyncedAt: 1000,
  connected: true,
  reconnecting: false,
  synced: true,
  triedBefore: true,
  rejected: 0,
  relayError: null,
  relayDataRejected: null,
  finalClose: null,
  accessEnded: false,
}

const closed = (reason: string, code = 4403) => ({ code, reason })

describe('syncStatus', () => {
  const cases: [string, Partial<SyncFacts>, { state: string; errorCode?: string }][] = [
    ['everything confirmed: synced', {}, { state: 'synced' }],
    ['records not yet confirmed: pending', { pending: 2 }, { state: 'pending' }],
    ['connected, sync step 2 not yet in: connecting', { synced: false }, { state: 'connecting' }],
    ['never reached the relay, first try: connecting', { connected: false, synced: false, triedBefore: false }, { state: 'connecting' }],
    ['offline after reaching the relay (or failing to): saved-local', { connected: false, synced: false }, { state: 'saved-local' }],
    [
      '[issue 14] offline, the browser is back online and a reconnect is under way: connecting',
      { connected: false, synced: false, reconnecting: true },
      { state: 'connecting' },
    ],
    ['offline with edits waiting: still saved-local', { connected: false, synced: false, pending: 3 }, { state: 'saved-local' }],
    [
      'the relay sent what this device refuses: its rule',
      { synced: false, relayDataRejected: 'R2 bad-signature' },
      { state: 'error', errorCode: 'R2 bad-signature' },
    ],
    ['a refused step 2 no longer counts once synced', { relayDataRejected: 'R2 bad-signature' }, { state: 'synced' }],
    ['a refused step 2 while offline: saved-local', { connected: false, synced: false, relayDataRejected: 'R2 bad-signature' }, { state: 'saved-local' }],
    [
      'final close: the code at the end of its reason',
      { connected: false, finalClose: closed('R6 invite-used') },
      { state: 'error', errorCode: 'invite-used' },
    ],
    [
      "final close: the relay's error message wins over the reason",
      { connected: false, relayError: 'not-a-member', finalClose: closed('bye') },
      { state: 'error', errorCode: 'not-a-member' },
    ],
    ['final close without a reason: the close code', { connected: false, finalClose: closed('  ', 4000) }, { state: 'error', errorCode: 'close-4000' }],
    ['final close beats a connected, synced socket', { finalClose: closed('R12 access-ended') }, { state: 'error', errorCode: 'access-ended' }],
    [
      "R13: access ended and this device's time is over: access-expired",
      { finalClose: closed('R13 access-ended'), accessEnded: true },
      { state: 'error', errorCode: 'access-expired' },
    ],
    [
      "R13: access-expired also when the relay's message said access-ended",
      { relayError: 'access-ended', finalClose: closed('x'), accessEnded: true },
      { state: 'error', errorCode: 'access-expired' },
    ],
    [
      'another code is kept although the time is over',
      { finalClose: closed('not-a-member'), accessEnded: true },
      { state: 'error', errorCode: 'not-a-member' },
    ],
    ['a relay error without a final close is not an error state', { relayError: 'not-a-member' }, { state: 'synced' }],
  ]
  for (const [name, facts, want] of cases) {
    it(name, () => {
      const s = syncStatus({ ...settled, ...facts })
      expect(s.state).toBe(want.state)
      expect(s.errorCode).toBe(want.errorCode)
    })
  }

  it('passes pending, last synced, online and the refused count through', () => {
    expect(syncStatus({ ...settled, pending: 4, lastSyncedAt: 77, rejected: 2 })).toEqual({
      state: 'pending',
      pending: 4,
      lastSyncedAt: 77,
      online: true,
      rejected: 2,
    })
    expect(syncStatus({ ...settled, connected: false, synced: false, lastSyncedAt: null })).toEqual({
      state: 'saved-local',
      pending: 0,
      lastSyncedAt: null,
      online: false,
      rejected: 0,
    })
  })
})

describe('relayErrorCode and closeCode', () => {
  it("the relay's message, else the close reason's code, else nothing", () => {
    expect(relayErrorCode('not-a-member', closed('R6 invite-used'))).toBe('not-a-member')
    expect(relayErrorCode(null, closed('R6 invite-used'))).toBe('invite-used')
    expect(relayErrorCode(null, null)).toBeNull()
  })

  it('the code is the last word of the reason, or close-<code> without one', () => {
    expect(closeCode(closed('not-a-member'))).toBe('not-a-member')
    expect(closeCode(closed(' R5 removed  '))).toBe('removed')
    expect(closeCode(closed('', 1008))).toBe('close-1008')
  })
})

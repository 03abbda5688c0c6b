/**
 * Membership and replay state of one plan, derived from its log. The relay and every client
 * keep one and change it only through `applyRecord` after `checkRecord` allowed the blob.
 *
 * This module is the door importers use; the work is split by job:
 * - roomStateShape.ts  what the state holds, `createRoomState`, `draftOf`, the keys of its maps
 * - roomStateFold.ts   the fold, the state's only writer: `applyRecord`, `markSeen`,
 *                      `removeSnapshotGroup` (with a journal, for rollback)
 * - roomAccess.ts      who may do what now: `mayConnect`, `shutOut`, `consentBlocks`,
 *                      `accessEnded`, `isOpenInvite`, a person's devices
 * - recordChecks.ts    the rule checks: `checkIntrinsic`, `checkRecord`
 * - loadRoomState.ts   the state rebuilt from a stored envelope: `loadRoomState`, `liveBlobs`,
 *                      `preverifiedItems` (admitted in dependency order by admit.ts)
 * Inside src/sync, admit.ts imports the job modules directly (this door re-exports loading, which
 * uses admit.ts).
 */
export {
  createRoomState,
  draftOf,
  groupKeyOf,
  personOf,
  sessionKeyOf,
  tripleOf,
  type Consent,
  type Invite,
  type RoomState,
  type SnapshotGroup,
} from './roomStateShape'
export { applyRecord, COMPACT_ROLE, markSeen, removeSnapshotGroup } from './roomStateFold'
export {
  accessEnded,
  consentBlocks,
  consentLive,
  devicesOf,
  isOpenInvite,
  mayConnect,
  mayGiveConsent,
  openDeviceLinks,
  samePerson,
  shutOut,
} from './roomAccess'
export { checkIntrinsic, checkRecord, type CheckOptions } from './recordChecks'
export { membershipHeads } from './causalOrder'
export { liveBlobs, loadRoomState, preverifiedItems } from './loadRoomState'
export { closureOf, cutOf, inClosedPlan, mayReopenAt, retentionPassedAt, type ClosureInfo } from './closure'

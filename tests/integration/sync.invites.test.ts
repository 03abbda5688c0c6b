/** Invite links against the real relay: what a person sees for a used, expired or made-up link. */
import { describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/sync/bytes'
import { waitFor, useDevicesOnRelay } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const device = app.device

async function adminWithPlan() {
  const admin = await device('ib')
  const planId = await admin.client.createPlan({ childName: 'Daan' })
  const session = await admin.client.openPlan(planId)
  await session.whenSynced()
  return { admin, planId, session }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'no error'
  } catch (err) {
    return (err as { code?: string }).code ?? String(err)
  }
}

describe('invite links', () => {
  it('[R6] a used link is refused as used, and grants nothing', async () => {
    const { session, planId } = await adminWithPlan()
    const link = await session.createInvite({ role: 'editor', expiresInHours: 1, name: 'Meester Jan' })
    const jan = await device('jan')
    const preview = await jan.client.previewInvite(link)
    expect(preview).toMatchObject({ planId, title: 'Daan', invitedBy: 'ib', role: 'editor' })
    await jan.client.acceptInvite(link)
    const other = await device('ander')
    expect(await codeOf(other.client.previewInvite(link))).toBe('invite-used')
    expect(await other.client.listPlans()).toEqual([])
  })

  it('[R6] an expired link is refused as expired', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 / 3600 }) // one second
    // the relay judges expiry by its own clock (this machine's): wait for the moment itself
    const expiresAt = Math.max(0, ...session.openInvites().map((i) => i.expiresAt))
    await waitFor(() => Date.now() > expiresAt, 'the link expires')
    const late = await device('laat')
    expect(await codeOf(late.client.previewInvite(link))).toBe('invite-expired')
  })

  it('a made-up or mangled link is refused as invalid', async () => {
    const { session, planId } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 })
    const guess = await device('raden')
    const madeUp = `${app.relay.url}/#/join/${planId}/${toBase64Url(new Uint8Array(32).fill(7))}`
    expect(await codeOf(guess.client.previewInvite(madeUp))).toBe('invite-invalid')
    expect(await codeOf(guess.client.previewInvite(link.slice(0, -3)))).toBe('invite-invalid')
  })
})

/**
 * [R18] "Deel met de gemeente" through the real client (src/access) and relay: the session offers
 * only organisations with live consent, refuses the rest on the device before asking the relay,
 * writes a link that opens without an account (signed by the sharer, named as the team list names
 * her), lists the plan's links and their openings to every member, and lets only the sharer (or an
 * admin) withdraw one.
 */
import { describe, expect, it } from 'vitest'
import { openSharedLink } from '../../src/access/sharing/openLink'
import { compileSubstantiation, sharedFromSubstantiation } from '../../src/plan'
import { useDevicesOnRelay } from '../helpers/nodeDevice'

const DAY = 24 * 60 * 60 * 1000
const GEMEENTE = 'Gemeente Utrecht'
const WIJKTEAM = 'Wijkteam Noord'

const app = useDevicesOnRelay()

describe('[R18] sharing an extract from a plan', () => {
  it('[R18] only to an organisation with live consent; the link opens, signed by the sharer; members see it and its openings', async () => {
    const ouder = await app.device('Fatima (moeder)')
    const planId = await ouder.client.createPlan({ childName: 'Mees', party: 'gezag' })
    const sp = await ouder.client.openPlan(planId)
    await sp.whenSynced()
    // nobody to share with before consent
    expect(sp.shareRecipients()).toEqual([])
    const gemeente = await sp.giveConsent({ organisationName: GEMEENTE, purpose: 'De onderbouwing lezen', expiresAt: Date.now() + 30 * DAY })
    const wijkteam = await sp.giveConsent({ organisationName: WIJKTEAM, purpose: 'Meelezen', expiresAt: Date.now() + 30 * DAY })
    await sp.withdrawConsent(wijkteam)
    await sp.whenSynced()
    expect(sp.shareRecipients()).toEqual([{ id: gemeente, name: GEMEENTE }])

    const document = sharedFromSubstantiation(compileSubstantiation(sp.doc, { now: Date.now() }))
    const expiresAt = Date.now() + 7 * DAY
    const shared = await sp.shareExtract({ kind: 'request', document, organisationId: gemeente, expiresAt, maxOpens: 2 })
    expect(shared.link).toMatch(new RegExp(`^${app.relay.url}/#/gedeeld/${shared.id}/[A-Za-z0-9_-]{43}$`))

    const opened = await openSharedLink(shared.link, { syncUrl: app.relay.wsUrl })
    expect(opened.document).toEqual(document)
    expect(opened.extract).toMatchObject({
      kind: 'request',
      sharer: { key: await app.memberKey(ouder), name: 'Fatima (moeder)', organisation: '' },
      recipient: { organisationId: gemeente, name: GEMEENTE },
      expiresAt,
    })

    // a member who only reads sees the link and its opening, and may not withdraw or share
    const link = await sp.createInvite({ role: 'reader', expiresInHours: 1, party: 'parent', name: 'Oma' })
    await sp.whenSynced()
    const oma = await app.device('Oma')
    await oma.client.acceptInvite(link)
    const omaSession = await oma.client.openPlan(planId)
    await omaSession.whenSynced()
    expect(omaSession.shareRecipients()).toEqual([])
    await expect(omaSession.shareExtract({ kind: 'request', document, organisationId: gemeente, expiresAt, maxOpens: 1 })).rejects.toMatchObject({
      name: 'ShareError',
      code: 'role-forbidden',
    })
    const seen = await omaSession.sharedLinks()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ id: shared.id, organisation: gemeente, organisationName: GEMEENTE, kind: 'request', maxOpens: 2, mayWithdraw: false })
    expect(seen[0]!.openings).toHaveLength(1)
    await expect(omaSession.withdrawSharedLink(shared.id)).rejects.toMatchObject({ code: 'share-not-yours' })

    // the sharer withdraws it: it no longer opens
    expect((await sp.sharedLinks())[0]).toMatchObject({ mayWithdraw: true })
    await sp.withdrawSharedLink(shared.id)
    await expect(openSharedLink(shared.link, { syncUrl: app.relay.wsUrl })).rejects.toMatchObject({ code: 'share-withdrawn' })
    expect((await omaSession.sharedLinks())[0]!.withdrawnAt).not.toBeNull()

    // out of range on the device: an end past 30 days, a count of 0
    await expect(sp.shareExtract({ kind: 'request', document, organisationId: gemeente, expiresAt: Date.now() + 31 * DAY, maxOpens: 1 })).rejects.toMatchObject(
      {
        code: 'share-expiry',
      },
    )
    await expect(sp.shareExtract({ kind: 'request', document, organisationId: gemeente, expiresAt, maxOpens: 0 })).rejects.toMatchObject({
      code: 'share-invalid',
    })

    // without consent the device refuses before it asks: with the relay gone it still says why
    await app.relay.stop()
    await expect(sp.shareExtract({ kind: 'request', document, organisationId: wijkteam, expiresAt, maxOpens: 1 })).rejects.toMatchObject({
      code: 'consent-missing',
    })
    await expect(sp.shareExtract({ kind: 'request', document, organisationId: gemeente, expiresAt, maxOpens: 1 })).rejects.toMatchObject({ code: 'offline' })
  })
})

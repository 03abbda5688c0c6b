import { describe, expect, it } from 'vitest'
import { PLAN_SECTIONS, hrefFor, parseRoute, type Route } from '../../src/ui/routes'

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/welkom', { name: 'welcome' }],
    ['#/instellingen', { name: 'settings' }],
    ['#/plan/Ab_c-1', { name: 'plan', planId: 'Ab_c-1' }],
    ['#/plan/Ab_c-1/onderbouwing', { name: 'plan', planId: 'Ab_c-1', view: 'onderbouwing' }],
    ['#/plan/Ab_c-1/afdrukken', { name: 'plan', planId: 'Ab_c-1', view: 'afdrukken' }],
    ['#/plan/Ab_c-1/afspraken', { name: 'plan', planId: 'Ab_c-1', section: 'afspraken' }],
    ['#/plan/Ab_c-1/toestemmingen', { name: 'plan', planId: 'Ab_c-1', section: 'toestemmingen' }],
    ['#/plan/Ab_c-1/overleg/0f3a9c', { name: 'plan', planId: 'Ab_c-1', meetingId: '0f3a9c' }],
    ['#/join/P1/s3cr3t', { name: 'join', planId: 'P1', secret: 's3cr3t' }],
    ['#/toegankelijkheid', { name: 'accessibility' }],
    ['#/koppel/AQpayload_-', { name: 'device-link', payload: 'AQpayload_-' }],
    [`#/gedeeld/${'S'.repeat(22)}/${'k'.repeat(43)}`, { name: 'shared', shareId: 'S'.repeat(22), key: 'k'.repeat(43) }],
  ])('%s parses, and writes back to the same hash', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route)
    if (hash.length > 2) expect(hrefFor(route)).toBe(hash)
  })

  it('every section has an address that reads back as that section', () => {
    for (const section of PLAN_SECTIONS) expect(parseRoute(hrefFor({ name: 'plan', planId: 'P1', section }))).toEqual({ name: 'plan', planId: 'P1', section })
  })

  it.each([
    '#/plan/x/afspraken/extra',
    '#/plan/x/Afspraken',
    '#/plan/x/overleggen/a',
    '#/plan/',
    '#/plan/x/elders',
    '#/plan/x/overleg/',
    '#/plan/x/overleg/a/b',
    '#/plan/x/onderbouwing/extra',
    '#/plan/x y',
    '#/plan/x/overleg/<script>',
    '#/koppel/',
    '#/koppel/a/b',
    '#/koppel/a b',
    `#/gedeeld/${'S'.repeat(22)}`,
    `#/gedeeld/${'S'.repeat(21)}/${'k'.repeat(43)}`,
    `#/gedeeld/${'S'.repeat(22)}/${'k'.repeat(43)}/extra`,
    '#/iets',
  ])('%s is not found', (hash) => {
    expect(parseRoute(hash)).toEqual({ name: 'not-found' })
  })
})

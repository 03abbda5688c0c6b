/** Hash routes: what each address opens, and back again. */
import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute, type Route } from '../../src/ui/router'

describe('parseRoute', () => {
  it('reads every route and writes it back the same', () => {
    const routes: [string, Route][] = [
      ['#/', { name: 'home' }],
      ['#/welkom', { name: 'welcome' }],
      ['#/instellingen', { name: 'settings' }],
      ['#/plan/abc_-1', { name: 'plan', planId: 'abc_-1' }],
      ['#/join/plan1/secret2', { name: 'join', planId: 'plan1', secret: 'secret2' }],
      ['#/koppel/AQpayload_-', { name: 'device-link', payload: 'AQpayload_-' }],
    ]
    for (const [hash, route] of routes) {
      expect(parseRoute(hash)).toEqual(route)
      expect(hrefFor(route)).toBe(hash)
    }
  })

  it('an unknown or damaged address is not found', () => {
    for (const hash of ['#/koppel/', '#/koppel/a/b', '#/koppel/a b', '#/plan/', '#/iets']) expect(parseRoute(hash)).toEqual({ name: 'not-found' })
    expect(parseRoute('')).toEqual({ name: 'home' })
  })
})

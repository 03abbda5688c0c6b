/**
 * createItemForm: the one state behind the sections' record dialogs (route, factors, contacts),
 * against the real route accessor on a Y.Doc. An edit writes only what this person changed; a
 * refused write stays open and says why next to its field.
 */
import { createRoot } from 'solid-js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRoute } from '../../src/plan'
import { createItemForm } from '../../src/ui/sections/itemForm'

const FIELDS = ['level', 'provider', 'from', 'to', 'effect', 'whyNotEnough'] as const
const NEW = { level: 'extra ondersteuning', provider: '', from: '2025-01-06', to: '', effect: '', whyNotEnough: '' } as const

/** a submit as the browser sends it, without a form around it (no focus to move) */
const submitEvent = () => {
  let prevented = false
  return { event: { preventDefault: () => void (prevented = true), currentTarget: null } as unknown as SubmitEvent, prevented: () => prevented }
}

function open(doc: Y.Doc, id?: string) {
  const route = createRoute(doc)
  const existing = id ? route.get(id) : null
  const initial = existing
    ? { level: existing.level, provider: existing.provider, from: existing.from, to: existing.to, effect: existing.effect, whyNotEnough: existing.whyNotEnough }
    : { ...NEW }
  let done = 0
  const form = createRoot(() => createItemForm({ writes: route, id, initial, fields: FIELDS, me: 'me', onDone: () => done++ }))
  return { route, form, done: () => done }
}

describe('createItemForm', () => {
  it('adds a new record with what the form holds, then closes', () => {
    const doc = new Y.Doc()
    const { route, form, done } = open(doc)
    expect(form.remove).toBeUndefined()
    form.set('provider')('Wijkteam')
    const submit = submitEvent()
    form.submit(submit.event)
    expect(submit.prevented()).toBe(true)
    expect(done()).toBe(1)
    expect(route.list().map((s) => [s.provider, s.from, s.createdBy])).toEqual([['Wijkteam', '2025-01-06', 'me']])
  })

  it('writes only the changed fields of an edit, so another device’s change to another field stays', () => {
    const doc = new Y.Doc()
    const route = createRoute(doc)
    const id = route.add({ ...NEW, provider: 'Wijkteam' }, 'me')
    const { form, done } = open(doc, id)
    // meanwhile someone else writes the effect
    route.update(id, { effect: 'Beter slapen' })
    form.set('provider')('Remedial teacher')
    form.submit(submitEvent().event)
    expect(done()).toBe(1)
    expect(route.get(id)).toMatchObject({ provider: 'Remedial teacher', effect: 'Beter slapen' })
  })

  it('keeps a refused write open and shows the refusal next to its field', () => {
    const doc = new Y.Doc()
    const { route, form, done } = open(doc)
    form.submit(submitEvent().event) // no provider: the model refuses
    expect(done()).toBe(0)
    expect(route.list()).toEqual([])
    expect(form.errors.of('provider')).toBeTruthy()
    expect(form.errors.general()).toBeNull()
    // the next try starts clean
    form.set('provider')('Wijkteam')
    form.submit(submitEvent().event)
    expect(form.errors.any()).toBe(false)
    expect(done()).toBe(1)
  })

  it('removes an existing record and closes', () => {
    const doc = new Y.Doc()
    const route = createRoute(doc)
    const id = route.add({ ...NEW, provider: 'Wijkteam' }, 'me')
    const { form, done } = open(doc, id)
    form.remove?.()
    expect(route.list()).toEqual([])
    expect(done()).toBe(1)
  })

  it('writes what toWrite makes of the values', () => {
    const doc = new Y.Doc()
    const route = createRoute(doc)
    let done = 0
    const form = createRoot(() =>
      createItemForm({
        writes: route,
        id: undefined,
        initial: { ...NEW, provider: 'Wijkteam', effect: 'weg' },
        fields: FIELDS,
        me: 'me',
        onDone: () => done++,
        toWrite: (v) => ({ ...v, effect: '' }),
      }),
    )
    form.submit(submitEvent().event)
    expect(done).toBe(1)
    expect(route.list()[0]?.effect).toBe('')
  })
})

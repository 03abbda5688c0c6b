import { For, Show } from 'solid-js'
import type { Party } from '../../access/types'
import { tConsent } from '../i18n/consent'
import './consent.css'

/** In the order a person looks for themselves: parents first, the professional last. */
export const PARTY_CHOICES: readonly Party[] = ['gezag', 'parent', 'youth', 'youth16', 'professional']

/**
 * Who someone is to the child, and for a professional the organisation: asked when a plan is
 * made (about oneself) and when someone is invited. There is no default on purpose: the answer
 * decides who may give consent (R12).
 */
export function PartyFields(props: {
  id: string
  mode: 'self' | 'invite'
  party: Party | ''
  onParty: (party: Party | '') => void
  organisation: string
  onOrganisation: (name: string) => void
  /** names of organisations the plan knows, offered while typing */
  known?: readonly string[]
  partyError?: string | null
  organisationError?: string | null
  /** describes the organisation field further (the consent notice of the invite dialog) */
  organisationDescribedBy?: string
}) {
  const partyId = `${props.id}-party`
  const orgId = `${props.id}-org`
  return (
    <>
      <div class="field">
        <label for={partyId} class="field__label">
          {props.mode === 'self' ? tConsent('party.label.self') : tConsent('party.label.invite')}
        </label>
        <p id={`${partyId}-hint`} class="field__hint">
          {tConsent('party.hint')}
        </p>
        <Show when={props.partyError}>
          <p id={`${partyId}-error`} class="field__error" role="alert">
            {props.partyError}
          </p>
        </Show>
        <select
          id={partyId}
          class="input select"
          required
          aria-invalid={props.partyError ? 'true' : undefined}
          aria-describedby={props.partyError ? `${partyId}-hint ${partyId}-error` : `${partyId}-hint`}
          onChange={(e) => props.onParty(e.currentTarget.value as Party | '')}
        >
          <option value="" selected={props.party === ''}>
            {tConsent('party.choose')}
          </option>
          <For each={PARTY_CHOICES}>
            {(p) => (
              <option value={p} selected={props.party === p}>
                {tConsent(`party.${p}`)}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={props.party === 'professional'}>
        <div class="field">
          <label for={orgId} class="field__label">
            {tConsent('org.label')}
          </label>
          <p id={`${orgId}-hint`} class="field__hint">
            {tConsent('org.hint')}
          </p>
          <Show when={props.organisationError}>
            <p id={`${orgId}-error`} class="field__error" role="alert">
              {props.organisationError}
            </p>
          </Show>
          <input
            id={orgId}
            class="input"
            maxlength="120"
            autocomplete="off"
            list={props.known?.length ? `${orgId}-known` : undefined}
            required
            aria-invalid={props.organisationError ? 'true' : undefined}
            aria-describedby={[`${orgId}-hint`, props.organisationError ? `${orgId}-error` : '', props.organisationDescribedBy ?? ''].filter(Boolean).join(' ')}
            value={props.organisation}
            onInput={(e) => props.onOrganisation(e.currentTarget.value)}
          />
          <Show when={props.known?.length}>
            <datalist id={`${orgId}-known`}>
              <For each={props.known}>{(name) => <option value={name} />}</For>
            </datalist>
          </Show>
        </div>
      </Show>
    </>
  )
}

import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { createConfirmedAction } from '../components/confirmedAction'
import { For, Show, createMemo, createSignal } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { createConsents, createOrganisations } from '../../plan'
import { formatDay, tConsent } from '../i18n/consent'
import { tNav } from '../i18n/nav'
import '../components/nav.css'
import { createPlanTick } from '../team/TeamView'
import { aYearFromToday, consentRows, endOfDay, undecidedOrganisations, withdrawLeavesNoAdmin, type ConsentRow } from './consentModel'
import './consent.css'

/**
 * "Toestemmingen": per organisation, who consented to sharing, for what, since and until when,
 * and whether it still holds (the signed log decides, R12). Parents with gezag and the youth
 * from 16 give consent here and withdraw it, after a confirmation that says who loses access.
 */
export function ConsentView(props: { session: PlanSession; me: string }) {
  const session = props.session
  const tick = createPlanTick(
    session,
    (bump) => createConsents(session.doc).observe(bump),
    (bump) => createOrganisations(session.doc).observe(bump),
  )
  const rows = createMemo(
    () => {
      tick()
      return consentRows(session)
    },
    undefined,
    { equals: false },
  )
  const mayConsent = createMemo(() => {
    tick()
    return session.mayGiveConsent()
  })
  const knownNames = createMemo(() => {
    tick()
    return session
      .organisations()
      .map((o) => o.name)
      .filter(Boolean)
  })

  const [message, setMessage] = createSignal('')
  const [org, setOrg] = createSignal('')
  const [purpose, setPurpose] = createSignal('')
  const [until, setUntil] = createSignal(aYearFromToday())
  const [formErrors, setFormErrors] = createSignal<{ org?: string; purpose?: string; until?: string }>({})
  const [busy, setBusy] = createSignal(false)
  const undecided = createMemo(
    () => {
      tick()
      return undecidedOrganisations(session)
    },
    undefined,
    { equals: false },
  )
  /** the consent or organisation being withdrawn or refused; `refuse`: there was no consent yet */
  const withdrawal = createConfirmedAction(
    (row: { organisationId: string; organisationName: string; refuse: boolean }) => session.withdrawConsent(row.organisationId),
    () => tConsent('consent.failed'),
    (row) => setMessage(tConsent(row.refuse ? 'consent.refuse.done' : 'consent.withdraw.done', { org: orgLabel(row) })),
  )
  const withdrawing = withdrawal.target
  let purposeInput: HTMLTextAreaElement | undefined

  const orgLabel = (row: { organisationName: string }) => row.organisationName || tConsent('consent.unknownOrg')
  const personLabel = (row: ConsentRow) => (row.givenBy ? row.givenByName || tConsent('consent.unknownPerson') : '–')

  const give = async (e: SubmitEvent) => {
    e.preventDefault()
    const errors: { org?: string; purpose?: string; until?: string } = {}
    if (!org().trim()) errors.org = tConsent('org.required')
    if (!purpose().trim()) errors.purpose = tConsent('consent.give.purposeRequired')
    const expiresAt = endOfDay(until())
    if (!(expiresAt > Date.now())) errors.until = tConsent('consent.give.dateInvalid')
    setFormErrors(errors)
    if (Object.keys(errors).length > 0) return
    setBusy(true)
    try {
      await session.giveConsent({ organisationName: org().trim(), purpose: purpose().trim(), expiresAt })
      setMessage(tConsent('consent.give.done', { org: org().trim() }))
      setOrg('')
      setPurpose('')
      setUntil(aYearFromToday())
    } catch {
      setMessage(tConsent('consent.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="sp-section consent" aria-labelledby="consent-title" id="consent">
      <h2 id="consent-title">{tConsent('consent.title')}</h2>
      <p class="muted">{tConsent('consent.intro')}</p>
      <Show when={rows().length > 0} fallback={<p class="muted">{tConsent('consent.none')}</p>}>
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden">{tConsent('consent.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tConsent('consent.org')}</th>
                <th scope="col">{tConsent('consent.purpose')}</th>
                <th scope="col">{tConsent('consent.givenBy')}</th>
                <th scope="col">{tConsent('consent.givenAt')}</th>
                <th scope="col">{tConsent('consent.expiresAt')}</th>
                <th scope="col">{tConsent('consent.status')}</th>
                <Show when={mayConsent()}>
                  <th scope="col">{tConsent('consent.actions')}</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr class="consent__row" data-organisation={row.organisationId} data-status={row.status}>
                    <th scope="row" class="consent__org">
                      {orgLabel(row)}
                    </th>
                    <td>{row.purpose || tConsent('consent.noPurpose')}</td>
                    <td>{personLabel(row)}</td>
                    <td>{row.givenAt ? <time datetime={new Date(row.givenAt).toISOString()}>{formatDay(row.givenAt)}</time> : '–'}</td>
                    <td>{row.expiresAt ? <time datetime={new Date(row.expiresAt).toISOString()}>{formatDay(row.expiresAt)}</time> : '–'}</td>
                    <td>
                      <span class={`consent__status consent__status--${row.status}`}>{tConsent(`consent.status.${row.status}`)}</span>
                      <Show when={row.withdrawnAt}>
                        {(at) => <span class="consent__when">{tConsent('consent.withdrawnOn', { date: formatDay(at()) })}</span>}
                      </Show>
                    </td>
                    <Show when={mayConsent()}>
                      <td>
                        <Show when={row.status === 'live'} fallback="–">
                          <button
                            type="button"
                            class="button button--danger button--small"
                            aria-haspopup="dialog"
                            aria-label={tConsent('consent.withdrawFor', { org: orgLabel(row) })}
                            onClick={() => withdrawal.ask({ organisationId: row.organisationId, organisationName: row.organisationName, refuse: false })}
                          >
                            {tConsent('consent.withdraw')}
                          </button>
                        </Show>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>

      <Show when={undecided().length > 0}>
        <h3 class="sp-subtitle" id="consent-undecided-title">
          {tConsent('consent.undecided.title')}
        </h3>
        <p class="muted">{tConsent('consent.undecided.intro')}</p>
        <ul class="sp-list consent__undecided" aria-labelledby="consent-undecided-title">
          <For each={undecided()}>
            {(o) => (
              <li class="list-row" data-organisation={o.id}>
                <span class="consent__org">{o.name || tConsent('consent.unknownOrg')}</span>
                <Show when={mayConsent()}>
                  {/* a decision: two equal choices, each with what it means (issue 14) */}
                  <span class="consent__undecided-actions consent__choices">
                    <span class="consent__choice">
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-label={tConsent('consent.undecided.giveFor', { org: o.name })}
                        aria-describedby={`consent-give-means-${o.id}`}
                        onClick={() => {
                          setOrg(o.name)
                          purposeInput?.focus()
                        }}
                      >
                        {tConsent('consent.undecided.give')}
                      </button>
                      <span class="consent__means" id={`consent-give-means-${o.id}`}>
                        {tNav('decide.give.means', { org: o.name || tConsent('consent.unknownOrg') })}
                      </span>
                    </span>
                    <span class="consent__choice">
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-haspopup="dialog"
                        aria-label={tConsent('consent.undecided.refuseFor', { org: o.name })}
                        aria-describedby={`consent-refuse-means-${o.id}`}
                        onClick={() => withdrawal.ask({ organisationId: o.id, organisationName: o.name, refuse: true })}
                      >
                        {tConsent('consent.undecided.refuse')}
                      </button>
                      <span class="consent__means" id={`consent-refuse-means-${o.id}`}>
                        {tNav('decide.refuse.means', { org: o.name || tConsent('consent.unknownOrg') })}
                      </span>
                    </span>
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={mayConsent()} fallback={<p class="muted">{tConsent('consent.onlyGezag')}</p>}>
        <form autocomplete="off" class="form consent__form" onSubmit={give} aria-labelledby="consent-give-title" novalidate>
          <h3 class="sp-subtitle" id="consent-give-title">
            {tConsent('consent.give.title')}
          </h3>
          <div class="field">
            <label for="consent-org" class="field__label">
              {tConsent('consent.give.org')}
            </label>
            <p id="consent-org-hint" class="field__hint">
              {tConsent('consent.give.orgHint')}
            </p>
            <Show when={formErrors().org}>
              <p id="consent-org-error" class="field__error" role="alert">
                {formErrors().org}
              </p>
            </Show>
            <input
              id="consent-org"
              class="input"
              maxlength="120"
              autocomplete="off"
              list={knownNames().length ? 'consent-org-known' : undefined}
              aria-invalid={formErrors().org ? 'true' : undefined}
              aria-describedby={formErrors().org ? 'consent-org-hint consent-org-error' : 'consent-org-hint'}
              value={org()}
              onInput={(e) => setOrg(e.currentTarget.value)}
            />
            <Show when={knownNames().length}>
              <datalist id="consent-org-known">
                <For each={knownNames()}>{(name) => <option value={name} />}</For>
              </datalist>
            </Show>
          </div>
          <div class="field">
            <label for="consent-purpose" class="field__label">
              {tConsent('consent.give.purpose')}
            </label>
            <p id="consent-purpose-hint" class="field__hint">
              {tConsent('consent.give.purposeHint')}
            </p>
            <Show when={formErrors().purpose}>
              <p id="consent-purpose-error" class="field__error" role="alert">
                {formErrors().purpose}
              </p>
            </Show>
            <textarea
              autocomplete="off"
              id="consent-purpose"
              ref={purposeInput}
              class="input textarea"
              rows="3"
              maxlength="500"
              aria-invalid={formErrors().purpose ? 'true' : undefined}
              aria-describedby={formErrors().purpose ? 'consent-purpose-hint consent-purpose-error' : 'consent-purpose-hint'}
              value={purpose()}
              onInput={(e) => setPurpose(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="consent-until" class="field__label">
              {tConsent('consent.give.until')}
            </label>
            <p id="consent-until-hint" class="field__hint">
              {tConsent('consent.give.untilHint')}
            </p>
            <Show when={formErrors().until}>
              <p id="consent-until-error" class="field__error" role="alert">
                {formErrors().until}
              </p>
            </Show>
            <input
              autocomplete="off"
              id="consent-until"
              type="date"
              class="input consent__date"
              aria-invalid={formErrors().until ? 'true' : undefined}
              aria-describedby={formErrors().until ? 'consent-until-hint consent-until-error' : 'consent-until-hint'}
              value={until()}
              onInput={(e) => setUntil(e.currentTarget.value)}
            />
          </div>
          <div class="actions">
            <button type="submit" class="button" disabled={busy()}>
              {busy() ? tConsent('consent.give.busy') : tConsent('consent.give.submit')}
            </button>
          </div>
        </form>
      </Show>

      <p class="consent__message" role="status" aria-live="polite">
        {message()}
      </p>

      <ConfirmDangerDialog
        open={withdrawing() !== null}
        id="consent-withdraw"
        title={tConsent(withdrawing()?.refuse ? 'consent.refuse.title' : 'consent.withdraw.title', { org: withdrawing() ? orgLabel(withdrawing()!) : '' })}
        lead={tConsent('consent.withdraw.lead')}
        consequences={[
          tConsent('consent.withdraw.access', { org: withdrawing() ? orgLabel(withdrawing()!) : '' }),
          tConsent('consent.withdraw.key'),
          tConsent('consent.withdraw.kept'),
        ]}
        error={withdrawal.error()}
        busy={withdrawal.busy()}
        confirmLabel={tConsent('consent.withdraw.confirm')}
        busyLabel={tConsent('consent.withdraw.busy')}
        cancelLabel={tConsent('consent.cancel')}
        onConfirm={() => void withdrawal.confirm()}
        onCancel={withdrawal.cancel}
      >
        <Show when={withdrawing() && withdrawLeavesNoAdmin(session, withdrawing()!.organisationId)}>
          <div class="notice notice--warning" role="note">
            {tConsent('consent.withdraw.noAdmin')}
          </div>
        </Show>
      </ConfirmDangerDialog>
    </section>
  )
}

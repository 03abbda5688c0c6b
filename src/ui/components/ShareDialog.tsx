import { For, Show, createSignal } from 'solid-js'
import { ROLES, type Party, type PlanSession, type Role } from '../../access/types'
import { t } from '../i18n'
import { formatDay, tConsent } from '../i18n/consent'
import { QrCode } from './QrCode'
import { CopyField } from './CopyField'
import '../devices/devices.css'
import { PartyFields } from '../consent/PartyFields'
import { liveConsentFor } from '../consent/consentModel'
import { AccessUntilField } from '../guest/AccessUntilField'
import { accessUntilOf, type AccessChoice } from '../guest/accessChoice'
import { tGuest } from '../i18n/guest'
import { focusFirstErrorSoon } from './focusFirstError'

const EXPIRIES = [1, 24, 168] as const // hours: 1 uur, 1 dag, 7 dagen

/** "Delen": an admin makes a one-time invite link for one person. */
export function ShareDialog(props: { session: PlanSession }) {
  let dialog!: HTMLDialogElement
  let opener!: HTMLButtonElement
  let linkInput: HTMLInputElement | undefined
  const [role, setRole] = createSignal<Role>('contributor')
  const [hours, setHours] = createSignal<number>(24)
  const [name, setName] = createSignal('')
  const [link, setLink] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  // who is invited decides whether consent is needed first (R12); no default on purpose
  const [party, setParty] = createSignal<Party | ''>('')
  const [organisation, setOrganisation] = createSignal('')
  const [partyError, setPartyError] = createSignal<string | null>(null)
  const [orgError, setOrgError] = createSignal<string | null>(null)
  // a guest (R13): offered for readers only; other roles get no end
  const [access, setAccess] = createSignal<AccessChoice>('none')
  const [accessCustom, setAccessCustom] = createSignal('')
  const [accessError, setAccessError] = createSignal<string | null>(null)
  const needsConsent = () => party() === 'professional' && organisation().trim() !== ''
  const consent = () => (needsConsent() ? liveConsentFor(props.session, organisation()) : null)
  const blocked = () => needsConsent() && !consent()

  const reset = () => {
    setLink(null)
    setName('')
    setError(null)
    setParty('')
    setOrganisation('')
    setPartyError(null)
    setOrgError(null)
    setAccess('none')
    setAccessCustom('')
    setAccessError(null)
  }

  const open = () => {
    reset()
    dialog.showModal()
  }

  const close = () => {
    dialog.close()
  }

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    const who = party()
    setPartyError(who ? null : tConsent('party.requiredInvite'))
    setOrgError(who === 'professional' && !organisation().trim() ? tConsent('org.required') : null)
    const accessUntil = role() === 'reader' ? accessUntilOf(access(), accessCustom(), Date.now()) : 0
    setAccessError(accessUntil === null ? tGuest('guest.access.invalid') : null)
    // the app's own errors on the fields, never the browser's popup (novalidate); focus on the first
    if (!who || (who === 'professional' && !organisation().trim()) || accessUntil === null) return focusFirstErrorSoon(e.currentTarget as HTMLFormElement)
    // no link without consent: the notice below says why and what to do
    if (blocked()) return
    setBusy(true)
    setError(null)
    try {
      const options = {
        role: role(),
        expiresInHours: hours(),
        party: who,
        ...(who === 'professional' ? { organisationName: organisation().trim() } : {}),
        ...(name().trim() ? { name: name().trim() } : {}),
        ...(accessUntil ? { accessUntil } : {}),
      }
      setLink(await props.session.createInvite(options))
      queueMicrotask(() => linkInput?.select())
    } catch (err) {
      const code = (err as { code?: string }).code
      setError(
        code === 'consent-missing'
          ? tConsent('invite.blocked', { org: organisation().trim() })
          : code === 'access-invalid'
            ? tGuest('guest.access.invalid')
            : t('share.failed'),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" class="button" ref={opener} onClick={open} aria-haspopup="dialog">
        {t('share.open')}
      </button>
      <dialog class="dialog" ref={dialog} aria-labelledby="share-title" onClose={() => opener.focus()}>
        <div class="dialog__body">
          <h2 id="share-title">{t('share.title')}</h2>
          <Show
            when={link()}
            fallback={
              <form autocomplete="off" class="form" onSubmit={create} novalidate>
                <p>{t('share.intro')}</p>
                <PartyFields
                  id="invite"
                  mode="invite"
                  party={party()}
                  onParty={(p) => {
                    setParty(p)
                    setPartyError(null)
                  }}
                  organisation={organisation()}
                  onOrganisation={(v) => {
                    setOrganisation(v)
                    setOrgError(null)
                  }}
                  known={props.session
                    .organisations()
                    .map((o) => o.name)
                    .filter(Boolean)}
                  partyError={partyError()}
                  organisationError={orgError()}
                  organisationDescribedBy="invite-consent"
                />
                <div id="invite-consent" aria-live="polite">
                  <Show when={blocked()}>
                    <div class="notice notice--warning" data-testid="invite-consent-blocked">
                      <p>
                        <strong>{tConsent('invite.blocked', { org: organisation().trim() })}</strong>
                      </p>
                      <p class="consent-notice__help">{tConsent('invite.blockedHelp', { org: organisation().trim() })}</p>
                    </div>
                  </Show>
                  <Show when={consent()}>
                    {(c) => <p class="field__hint">{tConsent('invite.consentOk', { org: c().organisationName, date: formatDay(c().expiresAt) })}</p>}
                  </Show>
                </div>
                <fieldset class="fieldset">
                  <legend class="field__label">{t('share.role')}</legend>
                  <For each={ROLES}>
                    {(r) => (
                      <div class="choice">
                        <input
                          type="radio"
                          name="invite-role"
                          id={`invite-role-${r}`}
                          value={r}
                          checked={role() === r}
                          onChange={() => {
                            setRole(r)
                            setAccessError(null)
                          }}
                          aria-describedby={`invite-role-${r}-help`}
                        />
                        <label for={`invite-role-${r}`}>
                          <span class="choice__title">{t(`role.${r}`)}</span>
                          <span class="choice__help" id={`invite-role-${r}-help`}>
                            {t(`role.${r}.help`)}
                          </span>
                        </label>
                      </div>
                    )}
                  </For>
                </fieldset>
                <Show when={role() === 'reader'}>
                  <AccessUntilField
                    choice={access()}
                    onChoice={(c) => {
                      setAccess(c)
                      setAccessError(null)
                    }}
                    custom={accessCustom()}
                    onCustom={(v) => {
                      setAccessCustom(v)
                      setAccessError(null)
                    }}
                    error={accessError()}
                  />
                </Show>
                <div class="field">
                  <label for="invite-expiry" class="field__label">
                    {t('share.expiry')}
                  </label>
                  <select id="invite-expiry" class="input select" onChange={(e) => setHours(Number(e.currentTarget.value))}>
                    <For each={EXPIRIES}>
                      {(h) => (
                        <option value={h} selected={hours() === h}>
                          {t(`share.expiry.${h}` as const)}
                        </option>
                      )}
                    </For>
                  </select>
                </div>
                <div class="field">
                  <label for="invite-name" class="field__label">
                    {t('share.name')}
                  </label>
                  <p id="invite-name-hint" class="field__hint">
                    {t('share.nameHint')}
                  </p>
                  <input
                    id="invite-name"
                    class="input"
                    maxlength="80"
                    autocomplete="off"
                    aria-describedby="invite-name-hint"
                    value={name()}
                    onInput={(e) => setName(e.currentTarget.value)}
                  />
                </div>
                <Show when={error()}>
                  <div class="notice notice--error" role="alert">
                    {error()}
                  </div>
                </Show>
                <div class="actions">
                  <button type="submit" class="button" disabled={busy() || blocked()}>
                    {busy() ? t('share.creating') : t('share.create')}
                  </button>
                  <button type="button" class="button button--secondary" onClick={close}>
                    {t('share.close')}
                  </button>
                </div>
              </form>
            }
          >
            {(value) => (
              <div class="form">
                <div class="notice notice--warning" role="note">
                  {t('share.warning')}
                </div>
                <CopyField
                  id="invite-link"
                  label={t('share.link')}
                  value={value()}
                  copyLabel={t('share.copy')}
                  copiedLabel={t('share.copied')}
                  inputRef={(el) => (linkInput = el)}
                />
                <div class="devices__qr">
                  <QrCode text={value()} label={t('share.qr')} />
                </div>
                <div class="actions">
                  <button type="button" class="button button--secondary" onClick={reset}>
                    {t('share.another')}
                  </button>
                  <button type="button" class="button button--secondary" onClick={close}>
                    {t('share.close')}
                  </button>
                </div>
              </div>
            )}
          </Show>
        </div>
      </dialog>
    </>
  )
}

import { For, Show, createSignal } from 'solid-js'
import type { Party, PlanSession, Role } from '../../access/types'
import { t, type MessageKey } from '../i18n'
import { ROLES } from '../roles'
import { ti } from '../i18n/instemming'

/** Parties an admin invites here; a professional needs an organisation and consent (another view). */
const INVITE_PARTIES = ['parent', 'gezag', 'youth', 'youth16'] as const satisfies readonly Party[]

const EXPIRIES = [1, 24, 168] as const // hours: 1 uur, 1 dag, 7 dagen

/** "Delen": an admin makes a one-time invite link for one person. */
export function ShareDialog(props: { session: PlanSession }) {
  let dialog!: HTMLDialogElement
  let opener!: HTMLButtonElement
  let linkInput: HTMLInputElement | undefined
  const [role, setRole] = createSignal<Role>('contributor')
  const [hours, setHours] = createSignal<number>(24)
  const [party, setParty] = createSignal<Party>('parent')
  const [name, setName] = createSignal('')
  const [link, setLink] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [copied, setCopied] = createSignal(false)

  const reset = () => {
    setLink(null)
    setParty('parent')
    setName('')
    setError(null)
    setCopied(false)
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
    setBusy(true)
    setError(null)
    try {
      const options = { role: role(), party: party(), expiresInHours: hours(), ...(name().trim() ? { name: name().trim() } : {}) }
      setLink(await props.session.createInvite(options))
      queueMicrotask(() => linkInput?.select())
    } catch {
      setError(t('share.failed'))
    } finally {
      setBusy(false)
    }
  }

  const copy = async () => {
    const value = link()
    if (!value) return
    try {
      await navigator.clipboard.writeText(value)
    } catch {
      linkInput?.select()
      document.execCommand('copy')
    }
    setCopied(true)
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
              <form class="form" onSubmit={create}>
                <p>{t('share.intro')}</p>
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
                          onChange={() => setRole(r)}
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
                <div class="field">
                  <label for="invite-party" class="field__label">
                    {ti('party.label')}
                  </label>
                  <select id="invite-party" class="input select" onChange={(e) => setParty(e.currentTarget.value as Party)}>
                    <For each={INVITE_PARTIES}>
                      {(p) => (
                        <option value={p} selected={party() === p}>
                          {ti(`party.${p}`)}
                        </option>
                      )}
                    </For>
                  </select>
                </div>
                <div class="field">
                  <label for="invite-expiry" class="field__label">
                    {t('share.expiry')}
                  </label>
                  <select id="invite-expiry" class="input select" onChange={(e) => setHours(Number(e.currentTarget.value))}>
                    <For each={EXPIRIES}>
                      {(h) => (
                        <option value={h} selected={hours() === h}>
                          {t(`share.expiry.${h}` as MessageKey)}
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
                  <button type="submit" class="button" disabled={busy()}>
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
                <div class="field">
                  <label for="invite-link" class="field__label">
                    {t('share.link')}
                  </label>
                  <div class="copy-row">
                    <input id="invite-link" ref={linkInput} class="input input--mono" readonly value={value()} onFocus={(e) => e.currentTarget.select()} />
                    <button type="button" class="button" onClick={copy}>
                      {t('share.copy')}
                    </button>
                  </div>
                  <p class="field__hint" role="status" aria-live="polite">
                    {copied() ? t('share.copied') : ''}
                  </p>
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

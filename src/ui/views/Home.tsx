import { For, Show, createResource, createSignal } from 'solid-js'
import type { Party, PlanSummary } from '../../access/types'
import { t } from '../i18n'
import { tConsent } from '../i18n/consent'
import { PartyFields } from '../consent/PartyFields'
import { loadClient, profile } from '../client'
import { navigate } from '../router'
import { PlanCardSummary, createLivePlans } from '../documents/PlanCardSummary'
import { HomeForYou } from '../components/ForYou'
import { erasedText } from '../sections/EraseBlock'

export function Home() {
  const [plans] = createResource(async (): Promise<PlanSummary[]> => (await loadClient()).listPlans())
  const live = createLivePlans()
  // R20 and retention: plans deleted from this device, and why (no name is kept)
  const [erased] = createResource(async () => (await loadClient()).erasedPlans())
  const [creating, setCreating] = createSignal(false)
  const [childName, setChildName] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [party, setParty] = createSignal<Party | ''>('')
  const [organisation, setOrganisation] = createSignal('')
  const [partyError, setPartyError] = createSignal<string | null>(null)
  const [orgError, setOrgError] = createSignal<string | null>(null)
  let input: HTMLInputElement | undefined

  const openForm = () => {
    setCreating(true)
    queueMicrotask(() => input?.focus())
  }

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    const name = childName().trim()
    if (!name) return setError(t('home.childNameRequired'))
    const who = party()
    setPartyError(who ? null : tConsent('party.required'))
    setOrgError(who === 'professional' && !organisation().trim() ? tConsent('org.required') : null)
    if (!who || (who === 'professional' && !organisation().trim())) return
    const me = profile()
    if (!me) return
    setBusy(true)
    setError(null)
    try {
      const client = await loadClient()
      const planId = await client.createPlan({ childName: name, party: who, ...(who === 'professional' ? { organisationName: organisation().trim() } : {}) })
      navigate({ name: 'plan', planId })
    } catch {
      setError(t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="home-title">
      <p class="muted">{t('home.greeting', { name: profile()?.name ?? '' })}</p>
      <div class="section-head">
        <h1 id="home-title">{t('home.title')}</h1>
        <Show when={!creating()}>
          <button type="button" class="button" onClick={openForm}>
            {t('home.new')}
          </button>
        </Show>
      </div>

      <Show when={creating()}>
        <form autocomplete="off" class="panel form" onSubmit={create} aria-labelledby="new-plan-title" novalidate>
          <h2 id="new-plan-title">{t('home.new')}</h2>
          <div class="field">
            <label for="child-name" class="field__label">
              {t('home.childName')}
            </label>
            <p id="child-name-hint" class="field__hint">
              {t('home.childNameHint')}
            </p>
            <Show when={error()}>
              <p id="child-name-error" class="field__error" role="alert">
                {error()}
              </p>
            </Show>
            <input
              id="child-name"
              ref={input}
              class="input"
              maxlength="80"
              autocomplete="off"
              required
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby={error() ? 'child-name-hint child-name-error' : 'child-name-hint'}
              value={childName()}
              onInput={(e) => setChildName(e.currentTarget.value)}
            />
          </div>
          <PartyFields
            id="new-plan"
            mode="self"
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
            partyError={partyError()}
            organisationError={orgError()}
          />
          <div class="actions">
            <button type="submit" class="button" disabled={busy()}>
              {busy() ? t('home.creating') : t('home.create')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setCreating(false)}>
              {t('home.cancel')}
            </button>
          </div>
        </form>
      </Show>

      <Show when={plans()} fallback={<p class="muted">{plans.error ? t('error.generic') : t('app.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="empty">{t('home.empty')}</p>}>
            <HomeForYou plans={list()} live={live} />
            <ul class="plan-list">
              <For each={list()}>
                {(plan) => (
                  <li class="plan-list__item">
                    <a class="plan-card" href={`#/plan/${plan.planId}`}>
                      <span class="plan-card__title">{plan.title ? t('home.planOf', { name: plan.title }) : t('home.untitled')}</span>
                      <PlanCardSummary summary={live(plan.planId)?.summary ?? plan.summary} sync={live(plan.planId)?.sync ?? plan.sync} />
                      <span class="plan-card__role">{t('role.yours', { role: t(`role.${plan.role}`) })}</span>
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={(erased() ?? []).length > 0}>
        <ul class="erased-list">
          <For each={erased()}>{(note) => <li class="muted">{erasedText(note)}</li>}</For>
        </ul>
      </Show>
    </section>
  )
}

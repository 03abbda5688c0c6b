import { Match, Show, Switch, createResource, createSignal, type JSX } from 'solid-js'
import type { InviteLinkState } from '../../access/inviteCheck'
import type { InvitePreview } from '../../access/types'
import { formatDateTime, t } from '../i18n'
import { tJoin } from '../i18n/join'
import { loadClient, profile } from '../client'
import { navigate } from '../router'
import { errorCodeOf } from '../errorCode'

type Refusal = Exclude<InviteLinkState, 'open' | 'unchecked'>

/** An invite the relay refused, in the same words as the check before a profile. */
const INVITE_REFUSALS: Record<string, Refusal> = {
  'invite-used': 'used',
  'invite-expired': 'expired',
  'invite-withdrawn': 'withdrawn',
  'invite-invalid': 'unknown',
}

function errorMessage(err: unknown): string {
  const code = errorCodeOf(err)
  const refused = INVITE_REFUSALS[code]
  if (refused) return tJoin(`join.check.${refused}`)
  return t(code === 'offline' ? 'error.offline' : 'error.generic')
}

/** the link as the access layer expects it; the secret stays in the fragment */
const inviteLink = (props: { planId: string; secret: string }) => `${location.origin}/#/join/${props.planId}/${props.secret}`

/**
 * Before a profile is made: asks the relay whether the link still works (a token signed by the
 * link's invite key; nothing is stored). A used, expired, withdrawn or unknown link says so and
 * leads nowhere; an open one, or one that cannot be checked now (offline), leads on to `children`,
 * the first-run form, and the claim checks it again.
 */
export function CheckInviteFirst(props: { planId: string; secret: string; children: JSX.Element }) {
  const [state, { refetch }] = createResource(
    (): Promise<InviteLinkState> =>
      loadClient()
        .then((client) => client.checkInvite(inviteLink(props)))
        .catch(() => 'unchecked' as const),
  )
  const refused = (): Refusal | null => {
    const s = state()
    return s && s !== 'open' && s !== 'unchecked' ? s : null
  }
  return (
    <Switch
      fallback={
        <>
          <div class={`notice panel--narrow ${state() === 'unchecked' ? 'notice--warning' : 'notice--info'}`} role="status" data-invite-state={state()}>
            <p>{tJoin(state() === 'unchecked' ? 'join.check.unchecked' : 'join.check.open')}</p>
            <Show when={state() === 'unchecked'}>
              <button type="button" class="button button--small" onClick={() => refetch()} disabled={state.loading}>
                {tJoin('join.check.retry')}
              </button>
            </Show>
          </div>
          {props.children}
        </>
      }
    >
      {/* only the first check hides the form: checking again keeps what was typed */}
      <Match when={state.state === 'unresolved' || state.state === 'pending'}>
        <section class="panel panel--narrow" aria-labelledby="join-title">
          <h1 id="join-title">{t('join.title')}</h1>
          <p class="muted" role="status">
            {t('join.checking')}
          </p>
        </section>
      </Match>
      <Match when={refused()} keyed>
        {(s) => (
          <section class="panel panel--narrow" aria-labelledby="join-title">
            <h1 id="join-title">{t('join.title')}</h1>
            <div class="notice notice--error" role="alert" data-invite-state={s}>
              <p>{tJoin(`join.check.${s}`)}</p>
            </div>
            <a class="button button--secondary" href="#/">
              {tJoin('join.check.home')}
            </a>
          </section>
        )}
      </Match>
    </Switch>
  )
}

export function Join(props: { planId: string; secret: string }) {
  const link = () => inviteLink(props)

  const [state, { refetch }] = createResource(async (): Promise<{ preview?: InvitePreview; member: boolean }> => {
    const client = await loadClient()
    const mine = await client.listPlans()
    if (mine.some((p) => p.planId === props.planId)) return { member: true }
    return { preview: await client.previewInvite(link()), member: false }
  })
  const [busy, setBusy] = createSignal(false)
  const [acceptError, setAcceptError] = createSignal<string | null>(null)

  const accept = async () => {
    setBusy(true)
    setAcceptError(null)
    try {
      const planId = await (await loadClient()).acceptInvite(link())
      // replace: the spent secret leaves the address bar and the back button
      navigate({ name: 'plan', planId }, { replace: true })
    } catch (err) {
      setAcceptError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="join-title">
      <h1 id="join-title">{t('join.title')}</h1>
      <Switch>
        <Match when={state.loading}>
          <p class="muted" role="status">
            {t('join.checking')}
          </p>
        </Match>
        <Match when={state.error}>
          <div class="notice notice--error" role="alert">
            <p>{errorMessage(state.error)}</p>
          </div>
          <Show when={errorCodeOf(state.error) === 'offline'}>
            <button type="button" class="button" onClick={() => refetch()}>
              {t('error.retry')}
            </button>
          </Show>
        </Match>
        <Match when={state()?.member}>
          <p>{t('join.alreadyMember')}</p>
          <a class="button" href={`#/plan/${props.planId}`}>
            {t('join.open')}
          </a>
        </Match>
        <Match when={state()?.preview} keyed>
          {(preview) => {
            const child = preview.title || t('plan.childFallback')
            return (
              <>
                <p class="lead">{preview.invitedBy ? t('join.invitedBy', { inviter: preview.invitedBy, child }) : t('join.invited', { child })}</p>
                <dl class="facts">
                  <dt>{t('share.role')}</dt>
                  <dd>
                    <strong>{t(`role.${preview.role}`)}</strong> — {t(`role.${preview.role}.help`)}
                  </dd>
                  <dt>{t('join.validUntil')}</dt>
                  <dd>{t('join.expires', { date: formatDateTime(preview.expiresAt) })}</dd>
                </dl>
                <p>{t('join.as', { name: profile()?.name ?? '' })}</p>
                <Show when={acceptError()}>
                  <div class="notice notice--error" role="alert">
                    {acceptError()}
                  </div>
                </Show>
                <button type="button" class="button" onClick={accept} disabled={busy()}>
                  {busy() ? t('join.accepting') : t('join.accept')}
                </button>
              </>
            )
          }}
        </Match>
      </Switch>
    </section>
  )
}

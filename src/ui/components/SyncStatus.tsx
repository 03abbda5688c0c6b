import { Show } from 'solid-js'
import type { SyncStatus as Status } from '../../access/types'
import { formatDateTime, formatTime, t } from '../i18n'
import { syncErrorText } from '../syncErrorText'

/** Honest sync state in words, announced politely when it changes. */
export function SyncStatus(props: { status: Status }) {
  const label = () => {
    const s = props.status
    switch (s.state) {
      case 'saved-local':
        return t('status.saved-local')
      case 'connecting':
        return t('status.connecting')
      case 'pending':
        return t('status.pending', { n: s.pending })
      case 'synced':
        return t('status.synced')
      case 'error':
        return t('status.error')
    }
  }
  return (
    <div class={`sync-status sync-status--${props.status.state}`} role="status" aria-live="polite" data-state={props.status.state}>
      <span class="sync-status__dot" aria-hidden="true" />
      <span class="sync-status__text">
        <span class="sync-status__label">{label()}</span>
        <Show when={props.status.state === 'error'}>
          <span class="sync-status__detail">{syncErrorText(props.status.errorCode)}</span>
        </Show>
        <Show when={props.status.state !== 'pending' && props.status.pending > 0}>
          <span class="sync-status__detail">{props.status.pending === 1 ? t('status.waiting.one') : t('status.waiting', { n: props.status.pending })}</span>
        </Show>
        <Show when={props.status.incomplete?.length}>
          <span class="sync-status__detail sync-status__incomplete" data-testid="sync-incomplete">
            <strong>{t('status.incomplete')}</strong>{' '}
            {t('status.incompleteWho', {
              names: props.status.incomplete!.map((i) => i.name).join(', '),
              time: formatDateTime(Math.min(...props.status.incomplete!.map((i) => i.since))),
            })}
          </span>
        </Show>
        <Show when={props.status.forks}>
          <span class="sync-status__detail" data-testid="sync-forked">
            {t('status.forked', { n: props.status.forks ?? 0 })}
          </span>
        </Show>
        <Show when={props.status.attachmentsWaiting}>
          {(n) => <span class="sync-status__detail">{n() === 1 ? t('status.attachmentsWaiting.one') : t('status.attachmentsWaiting', { n: n() })}</span>}
        </Show>
        <Show when={props.status.rejected > 0}>
          <span class="sync-status__detail">{props.status.rejected === 1 ? t('status.rejected.one') : t('status.rejected', { n: props.status.rejected })}</span>
        </Show>
        <span class="sync-status__time">{lastSynced(props.status.lastSyncedAt)}</span>
      </span>
    </div>
  )
}

/** The relay's refusal in words: the codes a person can act on get their own text. */
/** Today's sync by its time; an older one with its date, so "14:05" never means last week. */
function lastSynced(at: number | null, now = new Date()): string {
  if (at === null) return t('status.neverSynced')
  const then = new Date(at)
  const sameDay = then.getFullYear() === now.getFullYear() && then.getMonth() === now.getMonth() && then.getDate() === now.getDate()
  return sameDay ? t('status.lastSynced', { time: formatTime(at) }) : t('status.lastSyncedOn', { time: formatDateTime(at) })
}

import { Show } from 'solid-js'
import type { SyncStatus as Status } from '../../access/types'
import { formatTime, t } from '../i18n'

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
          <span class="sync-status__detail">{t('status.errorHelp', { code: props.status.errorCode ?? '?' })}</span>
        </Show>
        <Show when={props.status.rejected > 0}>
          <span class="sync-status__detail">{t('status.rejected', { n: props.status.rejected })}</span>
        </Show>
        <span class="sync-status__time">
          {props.status.lastSyncedAt ? t('status.lastSynced', { time: formatTime(props.status.lastSyncedAt) }) : t('status.neverSynced')}
        </span>
      </span>
    </div>
  )
}

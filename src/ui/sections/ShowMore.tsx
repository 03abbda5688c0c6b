import { Show } from 'solid-js'
import { tPlan } from '../i18n/plan'
import type { Paging } from './paging'

/** "Toon meer (N over)" under a paged list; afterwards the first new item takes the focus. */
export function ShowMore(props: { paging: Paging; list: () => HTMLElement | undefined; controls?: string }) {
  const showMore = () => {
    const from = props.paging.shown().length
    props.paging.more()
    const next = props.list()?.children[from]
    if (!(next instanceof HTMLElement)) return
    if (!next.hasAttribute('tabindex')) next.setAttribute('tabindex', '-1')
    next.focus()
  }
  return (
    <Show when={props.paging.left() > 0}>
      <button type="button" class="button button--secondary sp-show-more" aria-controls={props.controls} onClick={showMore}>
        {tPlan('common.showMore', { n: props.paging.left() })}
      </button>
    </Show>
  )
}

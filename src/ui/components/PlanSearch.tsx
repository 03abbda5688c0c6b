import { For, Show, createSignal, onCleanup } from 'solid-js'
import { searchPlan, type SearchHit } from '../../plan'
import { markWords } from './markWords'
import type { SectionsModel } from '../sections/model'
import { tEditor } from '../i18n/editor'
import { hitTarget } from './searchTargets'
import './editor.css'

const TYPING_PAUSE_MS = 200 // search once typing pauses: a large plan is thousands of fields
const MAX_SHOWN = 50 // more hits than this asks for a sharper query, not a longer list
const HIGHLIGHT_MS = 2000

/**
 * "Zoeken in dit plan": every text in every section (searchPlan). Each hit is a button naming its
 * section with a snippet; activating it scrolls to the record and puts the focus there.
 */
export function PlanSearch(props: { model: SectionsModel }) {
  const [query, setQuery] = createSignal('')
  const [searched, setSearched] = createSignal('')
  const [hits, setHits] = createSignal<SearchHit[]>([])
  const [note, setNote] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  const run = (q: string) => {
    clearTimeout(timer)
    setNote('')
    setSearched(q.trim())
    setHits(q.trim() ? searchPlan(props.model.doc, q) : [])
  }
  const onInput = (value: string) => {
    setQuery(value)
    clearTimeout(timer)
    timer = setTimeout(() => run(value), TYPING_PAUSE_MS)
  }

  const go = (hit: SearchHit) => {
    props.model.revealer.reveal(hit.section, hit.id) // a record on a later page is shown first
    const target = hitTarget(hit, props.model)
    if (!target) {
      setNote(tEditor('search.notShown'))
      return
    }
    setNote('')
    if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.setAttribute('tabindex', '-1')
    target.scrollIntoView({ block: 'center' })
    target.focus({ preventScroll: true })
    target.classList.add('sp-search-target')
    setTimeout(() => target.classList.remove('sp-search-target'), HIGHLIGHT_MS)
  }

  const summary = () => {
    const n = hits().length
    if (!searched()) return ''
    if (n === 0) return tEditor('search.none', { query: searched() })
    return n === 1 ? tEditor('search.result', { query: searched() }) : tEditor('search.results', { n, query: searched() })
  }

  return (
    <div class="sp-search" role="search" aria-labelledby="plan-search-label">
      <form
        autocomplete="off"
        class="sp-search__form"
        onSubmit={(e) => {
          e.preventDefault()
          run(query())
        }}
      >
        <div class="field">
          <label class="field__label" id="plan-search-label" for="plan-search">
            {tEditor('search.label')}
          </label>
          <input
            id="plan-search"
            class="input"
            type="search"
            autocomplete="off"
            placeholder={tEditor('search.placeholder')}
            value={query()}
            onInput={(e) => onInput(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query()) {
                e.preventDefault()
                setQuery('')
                run('')
              } else if (e.key === 'ArrowDown' && hits().length > 0) {
                e.preventDefault()
                document.querySelector<HTMLButtonElement>('.sp-search__hit')?.focus()
              }
            }}
            aria-controls="plan-search-results"
          />
        </div>
        <button type="submit" class="button button--secondary">
          {tEditor('search.submit')}
        </button>
      </form>
      <p class="sp-search__summary" role="status" aria-live="polite">
        {summary()}
      </p>
      <Show when={note()}>
        <p class="notice notice--info">{note()}</p>
      </Show>
      <ul class="sp-list sp-search__results" id="plan-search-results">
        <For each={hits().slice(0, MAX_SHOWN)}>
          {(hit) => {
            const section = tEditor(`search.section.${hit.section}`)
            return (
              <li>
                <button type="button" class="sp-search__hit" data-section={hit.section} data-id={hit.id} data-field={hit.field} onClick={() => go(hit)}>
                  <span class="sp-search__section">{section}</span>
                  <span class="sp-search__snippet">
                    <For each={markWords(hit.snippet, searched())}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
                  </span>
                </button>
              </li>
            )
          }}
        </For>
      </ul>
    </div>
  )
}

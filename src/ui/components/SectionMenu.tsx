/**
 * The plan's table of contents: a link per section, each to the section's own address
 * (#/plan/<id>/<section>), so the back button returns to where one was. Sticky, so there is always
 * a way to jump: a row of links on a desktop, one "Naar onderdeel" button that opens the list on a
 * phone. aria-current marks where the reader is: the section the address names, until the reader
 * scrolls away from where that jump left the page; from then on the section being read
 * (watchReadingSection), without changing the address.
 */
import { For, Show, createEffect, createSignal, on, onCleanup, onMount, type JSX } from 'solid-js'
import { tNav } from '../i18n/nav'
import { PLAN_SECTIONS, hrefFor, type PlanSection } from '../routes'
import { showSection, stillWhereJumped, watchReadingSection } from '../sections/planNav'
import './nav.css'

export function SectionMenu(props: { planId: string; current: PlanSection | undefined; narrow: boolean }) {
  let details: HTMLDetailsElement | undefined
  const [reading, setReading] = createSignal<PlanSection | undefined>()
  const [byHand, setByHand] = createSignal(false)
  // a new address is where the reader is, until they scroll
  createEffect(
    on(
      () => props.current,
      () => setByHand(false),
    ),
  )
  onMount(() => {
    let stop = () => {}
    // once the sections below are drawn
    const frame = requestAnimationFrame(() => {
      stop = watchReadingSection((section) => {
        setReading(section)
        setByHand(!stillWhereJumped())
      })
    })
    onCleanup(() => {
      cancelAnimationFrame(frame)
      stop()
    })
  })
  const here = () => (props.current !== undefined && !byHand() ? props.current : reading())
  // on a phone the list closes once a section is chosen
  const close = () => {
    if (details) details.open = false
  }
  const links = () => (
    <ul class="plan-nav__list">
      <For each={PLAN_SECTIONS}>
        {(section) => (
          <li>
            <SectionLink class="plan-nav__link" planId={props.planId} section={section} current={here() === section} onFollow={close}>
              {tNav(`nav.section.${section}`)}
            </SectionLink>
          </li>
        )}
      </For>
    </ul>
  )
  return (
    <nav class="plan-nav" classList={{ 'plan-nav--compact': props.narrow }} aria-label={tNav('nav.label')}>
      <Show when={props.narrow} fallback={links()}>
        <details class="plan-nav__details" ref={details}>
          <summary class="plan-nav__toggle">
            {tNav('nav.toggle')}
            <Show when={here()}>{(c) => <span class="plan-nav__here">: {tNav(`nav.section.${c()}`)}</span>}</Show>
          </summary>
          {links()}
        </details>
      </Show>
    </nav>
  )
}

/**
 * A link to a section's address. Following it changes the address (a history entry, so back
 * returns); when the address already names it there is no hashchange, so it jumps there itself.
 */
export function SectionLink(props: { planId: string; section: PlanSection; current?: boolean; class?: string; onFollow?: () => void; children: JSX.Element }) {
  const href = () => hrefFor({ name: 'plan', planId: props.planId, section: props.section })
  return (
    <a
      class={props.class}
      href={href()}
      aria-current={props.current ? 'location' : undefined}
      onClick={() => {
        props.onFollow?.()
        if (location.hash === href()) queueMicrotask(() => showSection(props.section))
      }}
    >
      {props.children}
    </a>
  )
}

/**
 * The plan's table of contents: a link per section, each to the section's own address
 * (#/plan/<id>/<section>), so the back button returns to where one was. Sticky, so there is always
 * a way to jump: a row of links on a desktop, one "Naar onderdeel" button that opens the list on a
 * phone. aria-current marks the section the address names.
 */
import { For, Show, type JSX } from 'solid-js'
import { tNav } from '../i18n/nav'
import { PLAN_SECTIONS, hrefFor, type PlanSection } from '../routes'
import { showSection } from '../sections/planNav'
import './nav.css'

export function SectionMenu(props: { planId: string; current: PlanSection | undefined; narrow: boolean }) {
  let details: HTMLDetailsElement | undefined
  // on a phone the list closes once a section is chosen
  const close = () => {
    if (details) details.open = false
  }
  const links = () => (
    <ul class="plan-nav__list">
      <For each={PLAN_SECTIONS}>
        {(section) => (
          <li>
            <SectionLink class="plan-nav__link" planId={props.planId} section={section} current={props.current === section} onFollow={close}>
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
            <Show when={props.current}>{(c) => <span class="plan-nav__here">: {tNav(`nav.section.${c()}`)}</span>}</Show>
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

/**
 * The plan's table of contents: a link per section, each to the section's own address
 * (#/plan/<id>/<section>), so the back button returns to where one was. Sticky, so there is always
 * a way to jump: a row of links on a desktop, one "Naar onderdeel" button that opens the list on a
 * phone. aria-current marks the section the address names.
 */
import { For, Show } from 'solid-js'
import { tNav } from '../i18n/nav'
import { PLAN_SECTIONS, hrefFor, type PlanSection } from '../routes'
import { showSection } from '../sections/planNav'
import './nav.css'

export function SectionMenu(props: { planId: string; current: PlanSection | undefined; narrow: boolean }) {
  let details: HTMLDetailsElement | undefined
  const links = () => (
    <ul class="plan-nav__list">
      <For each={PLAN_SECTIONS}>
        {(section) => {
          const href = () => hrefFor({ name: 'plan', planId: props.planId, section })
          return (
            <li>
              <a
                class="plan-nav__link"
                href={href()}
                aria-current={props.current === section ? 'location' : undefined}
                onClick={() => {
                  if (details) details.open = false
                  // the same address again: no hashchange, so jump here
                  if (location.hash === href()) queueMicrotask(() => showSection(section))
                }}
              >
                {tNav(`nav.section.${section}`)}
              </a>
            </li>
          )
        }}
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

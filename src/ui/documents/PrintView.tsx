import { For, Show, createMemo, createSignal, type JSX } from 'solid-js'
import type * as Y from 'yjs'
import {
  AGENDA_ITEMS,
  FACTOR_DOMAINS,
  FACTOR_KINDS,
  NEED_HOLDERS,
  PERSPECTIVES,
  VOICE_FIELDS,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createNeeds,
  createObservations,
  createPerspective,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  dateWords,
  durationWords,
  isoDay,
  memberName,
  richTextBlocks,
  type Fact,
  type RichBlock,
} from '../../plan'
import {
  CARE_LEVEL_WORDS,
  EVALUATION_DECISION_WORDS,
  EVALUATION_RESULT_WORDS,
  GOAL_DOMAIN_WORDS,
  GOAL_STATUS_WORDS,
  MEETING_TYPE_WORDS,
  NEED_HOLDER_WORDS,
  PLAN_STATUS_WORDS,
  ROUTE_LEVEL_WORDS,
  SUPPORT_LEVEL_WORDS,
} from '../../plan/documentText'
import { t } from '../i18n'
import { ts } from '../i18n/sections'
import { documentLang, td } from '../i18n/documents'
import { Facts } from './DocBlocks'
import { RichText } from './RichText'
import { planVersion } from './planVersion'
import { PRINT_SECTIONS, type PrintSection } from './printSections'
import './documents.css'

/** Everything printed, read from the plan in one go (inside a memo on the plan's version). */
function readPlan(doc: Y.Doc) {
  const voices = createVoices(doc)
  const needs = createNeeds(doc)
  const perspective = createPerspective(doc)
  const meetings = createMeetings(doc)
  return {
    child: createChild(doc).get(),
    meta: createMeta(doc).get(),
    team: createTeam(doc).list(),
    contacts: createSocialMap(doc).list(),
    voices: PERSPECTIVES.map((p) => ({ perspective: p, fields: VOICE_FIELDS.map((f) => ({ field: f, blocks: richTextBlocks(voices.text(p, f)) })) })),
    factors: createFactors(doc).matrix(),
    needs: NEED_HOLDERS.map((h) => ({ holder: h, blocks: richTextBlocks(needs.text(h)) })),
    perspective: { uitstroom: perspective.uitstroom(), onderbouwing: richTextBlocks(perspective.text('onderbouwing')), afwijkingen: richTextBlocks(perspective.text('afwijkingen')) },
    goals: createGoals(doc).list(),
    actions: createActions(doc).list(),
    route: createRoute(doc).list(),
    observations: createObservations(doc).list(),
    meetings: meetings.list().map((m) => ({ meeting: m, notes: AGENDA_ITEMS.map((item) => ({ item, blocks: richTextBlocks(meetings.notes(m.id, item)) })) })),
  }
}

const Empty = () => <p class="doc-gap">{td('docs.empty')}</p>

function Rich(props: { blocks: RichBlock[]; base: 2 | 3 | 4 }): JSX.Element {
  return (
    <Show when={props.blocks.length > 0} fallback={<Empty />}>
      <RichText blocks={props.blocks} base={props.base} />
    </Show>
  )
}

function Section(props: { id: PrintSection; children: JSX.Element }) {
  return (
    <section class="doc-section" data-section={props.id} aria-labelledby={`print-${props.id}`}>
      <h3 id={`print-${props.id}`}>{td(`docs.section.${props.id}`)}</h3>
      {props.children}
    </section>
  )
}

/**
 * The plan as a document a school or care organisation can file: a title block (child, date of
 * birth, school, plan status, date printed, who is involved) and the chosen sections, laid out
 * for A4. "Afdrukken of opslaan als PDF" is the browser's print dialog.
 */
export function PrintView(props: { doc: Y.Doc; planId: string }) {
  const version = planVersion(props.doc)
  const plan = createMemo(() => (version(), readPlan(props.doc)))
  const [chosen, setChosen] = createSignal<ReadonlySet<PrintSection>>(new Set(PRINT_SECTIONS))
  const on = (s: PrintSection) => chosen().has(s)
  const toggle = (s: PrintSection, checked: boolean) => {
    const next = new Set(chosen())
    if (checked) next.add(s)
    else next.delete(s)
    setChosen(next)
  }
  const lang = documentLang
  const date = (iso: string) => (iso ? dateWords(iso, lang()) : td('docs.notFilled'))
  const name = (key: string) => (key ? memberName(props.doc, key) || ts('common.unknown') : '')
  const orNot = (v: string) => v.trim() || td('docs.notFilled')

  const titleFacts = (): Fact[] => {
    const p = plan()
    return [
      { label: td('docs.child'), value: orNot(p.child.name) },
      { label: td('docs.dateOfBirth'), value: date(p.child.dateOfBirth) },
      { label: td('docs.school'), value: orNot(p.child.school) },
      { label: td('docs.group'), value: orNot(p.child.group) },
      { label: td('docs.status'), value: PLAN_STATUS_WORDS[lang()][p.meta.status] },
      { label: td('docs.printed'), value: dateWords(isoDay(Date.now()), lang()) },
    ]
  }

  return (
    <section class="doc doc--print" aria-labelledby="print-title">
      <div class="doc-controls">
        <div class="doc-toolbar">
          <a class="button button--secondary" href={`#/plan/${props.planId}`}>
            {td('docs.backToPlan')}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {td('docs.printButton')}
          </button>
        </div>
        <h2 id="print-heading" class="doc-controls__title">
          {td('docs.printTitle')}
        </h2>
        <p class="muted">{td('docs.printIntro')}</p>
        <fieldset class="fieldset doc-choose">
          <legend class="field__label">{td('docs.printChoose')}</legend>
          <div class="doc-choose__options">
            <For each={PRINT_SECTIONS}>
              {(s) => (
                <div class="sp-check">
                  <input type="checkbox" id={`print-choose-${s}`} checked={on(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
                  <label for={`print-choose-${s}`}>{td(`docs.section.${s}`)}</label>
                </div>
              )}
            </For>
          </div>
          <div class="actions">
            <button type="button" class="button button--secondary button--small" onClick={() => setChosen(new Set(PRINT_SECTIONS))}>
              {td('docs.printAll')}
            </button>
            <button type="button" class="button button--secondary button--small" onClick={() => setChosen(new Set<PrintSection>())}>
              {td('docs.printNone')}
            </button>
          </div>
        </fieldset>
      </div>

      <article class="doc-page" aria-labelledby="print-title">
        <header class="doc-titleblock">
          <h2 id="print-title" class="doc-title">
            {td('docs.planOf', { name: plan().child.name || t('plan.childFallback') })}
          </h2>
          <Facts facts={titleFacts()} />
          <Show when={plan().team.length > 0}>
            <p class="doc-involved">
              <strong>{td('docs.involved')}:</strong> {plan().team.map((m) => [m.name || ts('common.unknown'), t(`role.${m.role}`), m.organisation].filter(Boolean).join(', ')).join('; ')}
            </p>
          </Show>
        </header>

        <Show when={chosen().size === 0}>
          <p class="doc-gap doc-controls">{td('docs.printNothing')}</p>
        </Show>

        <Show when={on('status')}>
          <Section id="status">
            <Facts
              facts={[
                { label: td('docs.status'), value: PLAN_STATUS_WORDS[lang()][plan().meta.status] },
                { label: td('docs.supportLevel'), value: SUPPORT_LEVEL_WORDS[lang()][plan().meta.supportLevel] },
                { label: td('docs.careLevel'), value: CARE_LEVEL_WORDS[lang()][plan().meta.careLevel] },
                { label: td('docs.casusregisseur'), value: name(plan().meta.casusregisseur) || td('docs.notFilled') },
                { label: td('docs.nextEvaluation'), value: date(plan().meta.nextEvaluation) },
              ]}
            />
          </Section>
        </Show>

        <Show when={on('team')}>
          <Section id="team">
            <Show when={plan().team.length > 0} fallback={<Empty />}>
              <table class="doc-table">
                <thead>
                  <tr>
                    <th scope="col">{td('docs.name')}</th>
                    <th scope="col">{td('docs.role')}</th>
                    <th scope="col">{td('docs.organisation')}</th>
                    <th scope="col">{td('docs.callFor')}</th>
                    <th scope="col">{td('docs.reach')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={plan().team}>
                    {(m) => (
                      <tr>
                        <td>{m.name || ts('common.unknown')}</td>
                        <td>{t(`role.${m.role}`)}</td>
                        <td>{m.organisation}</td>
                        <td>{m.callFor}</td>
                        <td>{m.reach}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={plan().contacts.length > 0}>
              <h4>{td('docs.socialMap')}</h4>
              <ul class="doc-list">
                <For each={plan().contacts}>{(c) => <li>{[c.name, c.role, c.organisation, c.callFor && `${td('docs.callFor')}: ${c.callFor}`, c.reach].filter(Boolean).join(', ')}</li>}</For>
              </ul>
            </Show>
          </Section>
        </Show>

        <Show when={on('voices')}>
          <Section id="voices">
            <For each={plan().voices}>
              {(v) => (
                <div class="doc-item">
                  <h4>{td(`docs.perspective.${v.perspective}`)}</h4>
                  <For each={v.fields}>
                    {(f) => (
                      <>
                        <h5>{td(`docs.voice.${f.field}`)}</h5>
                        <Rich blocks={f.blocks} base={4} />
                      </>
                    )}
                  </For>
                </div>
              )}
            </For>
          </Section>
        </Show>

        <Show when={on('factors')}>
          <Section id="factors">
            <Show when={FACTOR_DOMAINS.some((d) => FACTOR_KINDS.some((k) => plan().factors[d][k].length > 0))} fallback={<Empty />}>
            <For each={FACTOR_DOMAINS.filter((d) => FACTOR_KINDS.some((k) => plan().factors[d][k].length > 0))}>
              {(d) => (
                <div class="doc-item">
                  <h4>{td(`docs.factorDomain.${d}`)}</h4>
                  <For each={FACTOR_KINDS}>
                    {(k) => (
                      <>
                        <h5>{td(`docs.factor.${k}`)}</h5>
                        <Show when={plan().factors[d][k].length > 0} fallback={<Empty />}>
                          <ul class="doc-list">
                            <For each={plan().factors[d][k]}>{(f) => <li>{f.text} <span class="muted">({[date(f.date), (f.source || name(f.sourceKey)) && td('docs.source', { source: f.source || name(f.sourceKey) })].filter(Boolean).join(', ')})</span></li>}</For>
                          </ul>
                        </Show>
                      </>
                    )}
                  </For>
                </div>
              )}
            </For>
            </Show>
          </Section>
        </Show>

        <Show when={on('needs')}>
          <Section id="needs">
            <For each={plan().needs}>
              {(n) => (
                <div class="doc-item">
                  <h4>{NEED_HOLDER_WORDS[lang()][n.holder]}</h4>
                  <Rich blocks={n.blocks} base={4} />
                </div>
              )}
            </For>
          </Section>
        </Show>

        <Show when={on('perspective')}>
          <Section id="perspective">
            <Facts facts={[{ label: td('docs.uitstroom'), value: orNot(plan().perspective.uitstroom) }]} />
            <h4>{td('docs.onderbouwing')}</h4>
            <Rich blocks={plan().perspective.onderbouwing} base={4} />
            <h4>{td('docs.afwijkingen')}</h4>
            <Rich blocks={plan().perspective.afwijkingen} base={4} />
          </Section>
        </Show>

        <Show when={on('goals')}>
          <Section id="goals">
            <Show when={plan().goals.length > 0} fallback={<Empty />}>
              <For each={plan().goals}>
                {(g) => (
                  <div class="doc-item">
                    <h4>{g.title.trim() || ts('goals.untitled')}</h4>
                    <Show when={g.description.trim()}>
                      <p>{g.description}</p>
                    </Show>
                    <Facts
                      facts={[
                        { label: td('docs.domain'), value: GOAL_DOMAIN_WORDS[lang()][g.domain] },
                        { label: td('docs.goalStatus'), value: GOAL_STATUS_WORDS[lang()][g.status] },
                        { label: td('docs.targetDate'), value: date(g.targetDate) },
                        { label: td('docs.owner'), value: name(g.owner) || td('docs.notFilled') },
                      ]}
                    />
                    <Show when={g.evaluations.length > 0}>
                      <h5>{td('docs.evaluations')}</h5>
                      <ul class="doc-list">
                        <For each={g.evaluations}>{(e) => <li>{`${date(e.date)}: ${EVALUATION_RESULT_WORDS[lang()][e.result]}, ${EVALUATION_DECISION_WORDS[lang()][e.decision]}${e.seen ? `. ${e.seen}` : ''}`}</li>}</For>
                      </ul>
                    </Show>
                  </div>
                )}
              </For>
            </Show>
          </Section>
        </Show>

        <Show when={on('actions')}>
          <Section id="actions">
            <Show when={plan().actions.length > 0} fallback={<Empty />}>
              <table class="doc-table">
                <thead>
                  <tr>
                    <th scope="col">{ts('actions.what')}</th>
                    <th scope="col">{td('docs.who')}</th>
                    <th scope="col">{td('docs.when')}</th>
                    <th scope="col">{td('docs.goal')}</th>
                    <th scope="col">{td('docs.fundedBy')}</th>
                    <th scope="col">{td('docs.done')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={plan().actions}>
                    {(a) => (
                      <tr>
                        <td>{a.what}</td>
                        <td>{a.who || name(a.whoKey)}</td>
                        <td>{a.when}</td>
                        <td>{a.goalId ? plan().goals.find((g) => g.id === a.goalId)?.title || ts('common.removedGoal') : ''}</td>
                        <td>{a.fundedBy ? ts(`actions.fundedBy.${a.fundedBy}`) : ts('actions.fundedBy.none')}</td>
                        <td>{a.done ? td('docs.yes') : td('docs.no')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </Section>
        </Show>

        <Show when={on('route')}>
          <Section id="route">
            <Show when={plan().route.length > 0} fallback={<Empty />}>
              <For each={plan().route}>
                {(s) => (
                  <div class="doc-item">
                    <h4>{`${ROUTE_LEVEL_WORDS[lang()][s.level]}: ${s.provider}`}</h4>
                    <Facts
                      facts={[
                        {
                          label: td('docs.period'),
                          value: s.to ? `${td('docs.until', { from: date(s.from), to: date(s.to) })} (${durationWords(s.from, s.to, lang())})` : td('docs.since', { from: date(s.from) }),
                        },
                        { label: td('docs.effect'), value: orNot(s.effect) },
                      ]}
                    />
                  </div>
                )}
              </For>
            </Show>
          </Section>
        </Show>

        <Show when={on('observations')}>
          <Section id="observations">
            <Show when={plan().observations.length > 0} fallback={<Empty />}>
              <ul class="doc-list">
                <For each={plan().observations}>
                  {(o) => (
                    <li>
                      <strong>{date(o.date)}</strong> ({td(`docs.context.${o.context}`)}, {name(o.createdBy)}): {o.text}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Section>
        </Show>

        <Show when={on('meetings')}>
          <Section id="meetings">
            <Show when={plan().meetings.length > 0} fallback={<Empty />}>
              <For each={plan().meetings}>
                {(entry) => (
                  <div class="doc-item doc-meeting">
                    <h4>{`${MEETING_TYPE_WORDS[lang()][entry.meeting.type]}, ${date(entry.meeting.date)}`}</h4>
                    <Facts
                      facts={[
                        { label: td('docs.present'), value: entry.meeting.attendees.map((a) => (a.kind === 'guest' ? a.name : name(a.memberKey))).join(', ') || td('docs.notFilled') },
                        ...(entry.meeting.nextDate ? [{ label: td('docs.nextMeeting'), value: date(entry.meeting.nextDate) }] : []),
                      ]}
                    />
                    <Show when={entry.meeting.decisions.length > 0}>
                      <h5>{td('docs.decisions')}</h5>
                      <ul class="doc-list">
                        <For each={entry.meeting.decisions}>{(d) => <li>{d.text}</li>}</For>
                      </ul>
                    </Show>
                    <For each={entry.notes.filter((n) => n.blocks.length > 0)}>
                      {(n) => (
                        <>
                          <h5>{ts(`meetings.item.${n.item}`)}</h5>
                          <RichText blocks={n.blocks} base={4} />
                        </>
                      )}
                    </For>
                  </div>
                )}
              </For>
            </Show>
          </Section>
        </Show>
      </article>
    </section>
  )
}

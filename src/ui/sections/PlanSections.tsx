import { Show } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { ActionsSection } from './Actions'
import { GoalsSection } from './Goals'
import { MeetingsSection } from './Meetings'
import { ObservationQuickAdd, ObservationsSection } from './Observations'
import type { SectionsModel } from './model'
import './sections.css'

/** The quick-add at the very top of the plan, on a phone: the parent's one thing to do. */
export function MobileQuickAdd(props: { model: SectionsModel; narrow: boolean }) {
  return (
    <Show when={props.narrow && props.model.canContribute()}>
      <ObservationQuickAdd model={props.model} />
    </Show>
  )
}

/** The plan's sections below the voices. */
export function PlanSections(props: { model: SectionsModel; narrow: boolean; onOpenMeeting: (meetingId: string) => void; session?: PlanSession }) {
  return (
    <div class="sp-sections">
      <ObservationsSection model={props.model} withQuickAdd={!props.narrow} />
      <GoalsSection model={props.model} />
      <ActionsSection model={props.model} session={props.session} />
      <MeetingsSection model={props.model} onOpen={props.onOpenMeeting} />
    </div>
  )
}

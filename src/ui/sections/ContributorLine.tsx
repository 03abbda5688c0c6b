/**
 * What a contributor can change, by their party (P1 in docs/RULES.md): the voice that is theirs
 * and observations; the rest of the plan is read-only for them. The rule itself is
 * contributorRoots in src/plan/rights.ts, which every client also enforces on what arrives.
 */
import { Show } from 'solid-js'
import type { Party } from '../../access/types'
import { contributorRoots } from '../../plan'
import { tInstemming, type InstemmingKey } from '../i18n/instemming'
import './instemming.css'

function canLine(party: Party | undefined): InstemmingKey {
  const voices = contributorRoots(party).voices
  if (voices.length === 0) return 'contrib.can.observations'
  return voices[0] === 'ouders' ? 'contrib.can.ouders' : 'contrib.can.kind'
}

export function ContributorLine(props: { party: Party | undefined }) {
  return (
    <div class="notice sp-contributor-line" data-testid="contributor-line">
      <p>
        {tInstemming(canLine(props.party))}
        <Show when={contributorRoots(props.party).instemming}> {tInstemming('contrib.can.instemming')}</Show> {tInstemming('contrib.rest')}
      </p>
    </div>
  )
}

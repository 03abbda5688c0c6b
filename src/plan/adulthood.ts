/**
 * When the child is of age: from its 18th birthday, by the date of birth in the plan (child.ts).
 * The instemming then passes from the parents to the pupil (src/plan/instemming.ts). Reckoned on
 * the calendar in UTC, like every plan date; a child born on 29 February turns 18 on 1 March in a
 * year without one. No date of birth: never of age (the parents keep signing).
 */
export const ADULT_AGE = 18

/** Whether a child born on `dateOfBirth` (yyyy-mm-dd, or '') is 18 or older at `ms`. */
export function isAdultOn(dateOfBirth: string, ms: number): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth)
  if (!m) return false
  const birthday = Date.UTC(Number(m[1]) + ADULT_AGE, Number(m[2]) - 1, Number(m[3]))
  return ms >= birthday
}

/** Set by the first-run form of a device link: the person already said "koppelen", so start at once. */
let pending = false

export function startLinkingAfterProfile(): void {
  pending = true
}

export function takeLinkingStart(): boolean {
  const was = pending
  pending = false
  return was
}

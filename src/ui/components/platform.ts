/** Apple keyboards say ⌘ where others say Ctrl: shortcut hints follow the device. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent)
}

/**
 * Puts text on the clipboard; false when the browser refuses (no permission, insecure page).
 * Given the field that shows the text, a refusal falls back to selecting it and the older copy
 * command, so the text is at least selected for Ctrl+C.
 */
export async function copyText(text: string, shownIn?: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    if (!shownIn) return false
    shownIn.select()
    return document.execCommand('copy')
  }
}

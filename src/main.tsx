import { render } from 'solid-js/web'
import './ui/styles.css'
import { App } from './ui/App'
import { parseRoute } from './ui/routes'
import { answerPushNameQuestions, registerServiceWorker } from './ui/serviceWorker'
import { watchInstallPrompt } from './ui/install'

const root = document.getElementById('app')
if (parseRoute(location.hash).name === 'shared') {
  // a shared document's link (R18): only the document, and nothing kept on a stranger's device:
  // no profile read, no service worker installed (it would cache the app on their disk)
  void import('./ui/extract/SharedPage').then(({ SharedPage }) => {
    if (!root) return
    root.textContent = ''
    render(() => <SharedPage link={location.hash} />, root)
  })
} else {
  watchInstallPrompt() // the event fires once, early: listen before the app renders
  if (root) {
    root.textContent = ''
    render(() => <App />, root)
  }
  registerServiceWorker()
  answerPushNameQuestions()
}

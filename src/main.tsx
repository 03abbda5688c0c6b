import { render } from 'solid-js/web'
import './ui/styles.css'
import { App } from './ui/App'
import { answerPushNameQuestions, registerServiceWorker } from './ui/serviceWorker'
import { watchInstallPrompt } from './ui/install'

watchInstallPrompt() // the event fires once, early: listen before the app renders

const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(() => <App />, root)
}
registerServiceWorker()
answerPushNameQuestions()
